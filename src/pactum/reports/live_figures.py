"""The spreadsheet formula of each total and subtotal of a document, over the cells above it.

A document states its arithmetic through the roles of its lines (`document.Role`): a subtotal
or total closes the lines above it. Its formula is found among the forms certificates and
schedules use, in this order:

1. a balance less its deductions: the line before a run of `less` lines, less their sum (a
   deduction is the positive amount taken off: eligible = gross - SUM(deductions);
   availability = line cap - SUM(loans, LCs, reserves));
2. a rate applied: the money line nearest above a percentage line times it, rounded to the
   cent unless the figure is exact (an advance); this form also makes a plain line live;
3. a sum of lines: the money lines since the previous subtotal (the advances of each class);
4. the lesser of the two lines above (a cap; the line cap), rounded unless exact;
5. at the top of a section, the sum of the totals of the sections before it (the borrowing
   base, from the receivables and inventory advances), or of what the section just before
   hands on: its results no other of its formulas reads, and the deductions after them (the
   class advances less a deduction);
6. the sum of the last few money figures above it, subtotals included (the class advances,
   each rounded, and the rounding line that brings them to the total rounded once), the
   shortest run that gives the figure;

and in a grid, a totals row sums each column over the rows above it.

A formula is used only when, computed exactly over the amounts as the cells hold them, it gives
the figure's own amount to the cent: the workbook then adds up to the figures of `pactum check`
whatever the lines a document has. A figure no form gives (gross receivables, from the aging,
which the workbook does not hold) stays a value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from pactum.document import Figure, Grid, Lines, Role, Section
from pactum.files.sheet_cells import Live, column_sum
from pactum.findings import Unit
from pactum.money import cents

Cells = dict[str, str]  # figure key -> its cell's coordinate


def live_figures(sections: Sequence[Section], cells: Cells) -> dict[str, Live]:
    """The formula of each figure that has one, by figure key."""
    found: dict[str, Live] = {}
    earlier_totals: list[Figure] = []
    previous: list[Figure] = []  # the closing figures of the section before
    for section in sections:
        if isinstance(section, Lines):
            live = _lines(section.figures, (earlier_totals, previous), cells)
            found.update(live)
            earlier_totals += [f for f in section.figures if f.role is Role.total and _money(f)]
            previous = _closing(section.figures, live, cells)
        else:
            found.update(_grid_totals(section, cells))
            previous = []
    return found


def _closing(figures: Sequence[Figure], live: dict[str, Live], cells: Cells) -> list[Figure]:
    """What a section of lines hands on: each live subtotal or total no other formula of the
    section reads (each class's advance), then the deductions after the last of them."""
    read = {coordinate for formula in live.values() for coordinate in formula.inputs}
    closing = [f for f in figures if f.key in live and cells[f.key] not in read]
    if not closing:
        return []
    last = figures.index(closing[-1])
    return [*closing, *(f for f in figures[last + 1 :] if f.role is Role.less and _money(f))]


def _money(figure: Figure) -> bool:
    return figure.unit is Unit.money and isinstance(figure.amount, Decimal)


def _amount(figure: Figure) -> Decimal:
    assert isinstance(figure.amount, Decimal)
    return figure.amount


def _lines(
    figures: Sequence[Figure],
    before: tuple[Sequence[Figure], Sequence[Figure]],  # earlier totals, the closing figures
    cells: Cells,
) -> dict[str, Live]:
    found: dict[str, Live] = {}
    for index, figure in enumerate(figures):
        if not _money(figure):
            continue
        candidates = _candidates(figures, index, before, cells)
        match = next((live for live in candidates if live.value == figure.amount), None)
        if match is not None:
            found[figure.key] = match
    return found


def _candidates(
    figures: Sequence[Figure],
    index: int,
    before: tuple[Sequence[Figure], Sequence[Figure]],
    cells: Cells,
) -> Iterator[Live]:
    """The forms in their order: every form for a subtotal or total, a rate applied alone for
    a plain line."""
    if figures[index].role not in (Role.subtotal, Role.total):
        yield from _rate_applied(figures, index, cells)
        return
    yield from _less_deductions(figures, index, cells)
    yield from _rate_applied(figures, index, cells)
    yield from _sum_of_lines(figures, index, cells)
    yield from _lesser(figures, index, cells)
    if index == 0:
        for handed_on in before:
            yield from _section_totals(handed_on, cells)
    yield from _recent_sums(figures, index, cells)


def _rounded(figure: Figure, formula: str, value: Decimal, inputs: tuple[str, ...]) -> Live:
    """Rounded half-up to the cent, as the figure is, unless the figure is exact."""
    if figure.exact:
        return Live(formula, value, inputs)
    return Live(f"ROUND({formula},2)", cents(value), inputs)


def _less_deductions(figures: Sequence[Figure], index: int, cells: Cells) -> Iterator[Live]:
    start = index
    while start > 0 and figures[start - 1].role is Role.less and _money(figures[start - 1]):
        start -= 1
    if start == index or start == 0 or not _money(figures[start - 1]):
        return
    opening, deductions = figures[start - 1], figures[start:index]
    total = column_sum([(cells[f.key], _amount(f)) for f in deductions])
    yield Live(
        f"{cells[opening.key]}-{total.formula}",
        _amount(opening) - total.value,
        (cells[opening.key], *total.inputs),
    )


def _rate_applied(figures: Sequence[Figure], index: int, cells: Cells) -> Iterator[Live]:
    if index < 2:
        return
    rate = figures[index - 1]
    if rate.unit is not Unit.percent or not isinstance(rate.amount, Decimal):
        return
    for base in reversed(figures[: index - 1]):
        if _money(base):
            formula = f"{cells[base.key]}*{cells[rate.key]}"
            inputs = (cells[base.key], cells[rate.key])
            yield _rounded(figures[index], formula, _amount(base) * rate.amount, inputs)


def _sum_of_lines(figures: Sequence[Figure], index: int, cells: Cells) -> Iterator[Live]:
    lines: list[Figure] = []
    for figure in reversed(figures[:index]):
        if figure.role in (Role.subtotal, Role.total):
            break
        if figure.role is Role.line and _money(figure):
            lines.insert(0, figure)
    if len(lines) >= 2:
        yield column_sum([(cells[f.key], _amount(f)) for f in lines])


RECENT_RUN = 6  # how far back form 6 looks


def _recent_sums(figures: Sequence[Figure], index: int, cells: Cells) -> Iterator[Live]:
    run: list[Figure] = []
    for figure in reversed(figures[:index]):
        if figure.role is Role.total or len(run) == RECENT_RUN:
            break
        if _money(figure) and figure.role is not Role.less:
            run.insert(0, figure)
            if len(run) >= 2:
                coordinates = tuple(cells[f.key] for f in run)
                total = sum((_amount(f) for f in run), Decimal(0))
                yield Live("+".join(coordinates), total, coordinates)


def _lesser(figures: Sequence[Figure], index: int, cells: Cells) -> Iterator[Live]:
    if index < 2 or not all(_money(f) for f in figures[index - 2 : index]):
        return
    first, second = figures[index - 2 : index]
    formula = f"MIN({cells[first.key]},{cells[second.key]})"
    inputs = (cells[first.key], cells[second.key])
    lesser = min(_amount(first), _amount(second))
    # the lesser of two amounts in cents is in cents: rounding it again would only add noise
    if lesser == cents(lesser):
        yield Live(formula, lesser, inputs)
    else:
        yield _rounded(figures[index], formula, lesser, inputs)


def _section_totals(totals: Sequence[Figure], cells: Cells) -> Iterator[Live]:
    """The figures handed on added up, a deduction among them (a `less` line) taken off."""
    if len(totals) >= 2:
        coordinates = tuple(cells[f.key] for f in totals)
        formula = cells[totals[0].key] + "".join(
            ("-" if f.role is Role.less else "+") + cells[f.key] for f in totals[1:]
        )
        value = sum(
            (-_amount(f) if f.role is Role.less else _amount(f) for f in totals), Decimal(0)
        )
        yield Live(formula, value, coordinates)


def _grid_totals(grid: Grid, cells: Cells) -> dict[str, Live]:
    """Each number of the totals row as the SUM of its column over the rows above it."""
    found: dict[str, Live] = {}
    if grid.total is None or not grid.rows:
        return found
    for column, total in enumerate(grid.total):
        if not isinstance(total.amount, Decimal) or total.unit in (Unit.text, Unit.date):
            continue
        above = [row[column] for row in grid.rows]
        live = column_sum(
            [(cells[f.key], f.amount if isinstance(f.amount, Decimal) else None) for f in above]
        )
        if live.value == total.amount:
            found[total.key] = live
    return found

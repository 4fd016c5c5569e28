"""A table for the terminal that never cuts a value.

Rich fits a table to the screen by shrinking columns, and a column that may not wrap is then
cut with an ellipsis: `$34,250,0…`, `F…`, `2004-03-…`. A figure cut that way reads as another
figure, so every table of the command line goes through `print_table`, which decides the
widths itself:
- a column of amounts, dates, counts or results (`whole=True`) always gets the width of its
  widest cell;
- a column of words wraps at spaces, down to its longest word (long words fold);
- when even that does not fit, the columns marked `optional` are left out, last first, and a
  line says which ones and where to see them;
- when it still does not fit, each row is printed as lines of "column: value", which wrap
  like any text and cut nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

# a word longer than this folds rather than widening its column (a long path or identifier)
LONGEST_UNBROKEN_WORD = 24
_GAP = 1  # the space on each side of a cell (Table padding (0, 1), no edge padding)
_LINE_BREAK = Text("\n")


@dataclass(frozen=True)
class Column:
    """One column: its header, whether its cells are kept whole, how they are aligned, and
    whether it may be left out on a narrow screen."""

    header: str
    whole: bool = True
    justify: Literal["left", "right"] = "left"
    optional: bool = False


def _parsed(console: Console, cell: str) -> Text:
    """A cell's markup as the Rich table parses a str cell: the console's markup and emoji
    settings, no highlighting (a Column's default). An emoji code is a name between colons,
    so a cell without a colon skips the emoji replacement (a third of the parsing's time)
    with the same result."""
    return console.render_str(cell, highlight=False, emoji=None if ":" in cell else False)


def _width(cell: Text) -> int:
    """The width of a cell's widest line."""
    return max(cell_len(line) for line in cell.plain.split("\n"))


def _longest_word(cell: Text) -> int:
    words = cell.plain.split()
    return min(max((len(w) for w in words), default=0), LONGEST_UNBROKEN_WORD)


def _needed(column: Column, header: Text, cells: Sequence[Text]) -> tuple[int, int]:
    """A column's (narrowest, widest) width: a whole column's are both its widest cell."""
    widest = max(_width(text) for text in (header, *cells))
    if column.whole:
        return (widest, widest)
    narrowest = max(_longest_word(text) for text in (header, *cells))
    return (min(narrowest, widest), widest)


def _on_one_line(row: Sequence[Text], widths: Sequence[int]) -> bool:
    """Whether every cell of the row prints on one line: no line break, no tab (which widens
    when expanded), and no wider than its column, so not wrapped."""
    return all(
        "\n" not in cell.plain and "\t" not in cell.plain and cell.cell_len <= width
        for cell, width in zip(row, widths, strict=True)
    )


def _gaps(count: int) -> int:
    return 2 * _GAP * (count - 1) if count else 0


def _widths(ranges: Sequence[tuple[int, int]], room: int) -> list[int] | None:
    """Widths that fit `room`, or None. Whole columns get their width; the spare room goes to
    the wrapping columns that need least to show whole first (so as few cells wrap as can),
    and what remains is shared among the others in proportion to what they would take."""
    narrowest = sum(low for low, _ in ranges) + _gaps(len(ranges))
    if narrowest > room:
        return None
    widths = [low for low, _ in ranges]
    spare = room - narrowest
    wanting = sorted((high - low, index) for index, (low, high) in enumerate(ranges) if high > low)
    while wanting and wanting[0][0] <= spare:
        want, index = wanting.pop(0)
        widths[index] += want
        spare -= want
    total_want = sum(want for want, _ in wanting)
    for want, index in wanting:
        widths[index] += spare * want // total_want
    return widths


def print_table(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
) -> None:
    """Print `rows` (cells in Rich markup) under `columns` at the console's width, cutting no
    cell: optional columns are left out, and at the last the rows are stacked. The title is
    plain text."""
    if title:
        console.print(escape(title))
    # each cell's markup parsed once, as the table itself would parse it, and the same Text
    # measured here and given to the table
    headers = [_parsed(console, c.header) for c in columns]
    texts = [[_parsed(console, cell) for cell in row] for row in rows]
    # a column's range depends on its own cells only: measured once, whichever are left out
    ranges = [
        _needed(column, header, [row[index] for row in texts])
        for index, (column, header) in enumerate(zip(columns, headers, strict=True))
    ]
    kept = list(range(len(columns)))
    dropped: list[str] = []
    room = console.width
    while (widths := _widths([ranges[i] for i in kept], room)) is None:
        optional = [i for i in kept if columns[i].optional]
        if not optional:
            _print_stacked(console, columns, rows)
            return
        kept.remove(optional[-1])
        dropped.insert(0, columns[optional[-1]].header.replace("\n", " "))
    table = Table(box=None, padding=(0, _GAP), pad_edge=False, show_header=True)
    for index, width in zip(kept, widths, strict=True):
        column = columns[index]
        table.add_column(
            headers[index],
            width=width,
            justify=column.justify,
            no_wrap=column.whole,
            overflow="fold",
        )
    # Rich renders a table cell by cell, each through its own padding, wrapping and cropping,
    # which is most of the time `check` takes to print. A cell of several lines is wrapped
    # and justified line by line, so rows that each print on one line print the same as one
    # row whose cells hold their lines one under the other: each such run of rows is given
    # to the table as one row, and the rows that wrap as they are.
    shown = [[row[i] for i in kept] for row in texts]
    for one_line, run in groupby(shown, key=lambda row: _on_one_line(row, widths)):
        if one_line:
            table.add_row(*(_LINE_BREAK.join(cells) for cells in zip(*run, strict=True)))
        else:
            for row in run:
                table.add_row(*row)
    # the widths fit the console, so no line of the table is wider: nothing for Rich to crop
    console.print(table, crop=False)
    if dropped:
        console.print(
            f"[dim]left out at this width: {escape(', '.join(dropped))} "
            "(a wider terminal shows them)[/]"
        )


def _print_stacked(
    console: Console, columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> None:
    """Each row as lines of `column: value`, a blank line between rows. The lines are printed
    in one Console.print, which wraps each alone as a print of its own would (a print has
    its own cost besides the wrapping), and each is parsed alone, so a cell's markup stays
    in its line."""
    lines: list[Text] = []
    for number, row in enumerate(rows):
        if number:
            lines.append(Text())
        for column, cell in zip(columns, row, strict=True):
            if cell:
                header = column.header.replace("\n", " ")
                lines.append(console.render_str(f"[bold]{escape(header)}:[/] {cell}"))
    if lines:
        console.print(_LINE_BREAK.join(lines), overflow="fold")

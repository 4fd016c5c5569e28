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
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, Group
from rich.containers import Lines
from rich.markup import escape
from rich.segment import Segments
from rich.style import Style
from rich.table import Table
from rich.text import Text

# a word longer than this folds rather than widening its column (a long path or identifier)
LONGEST_UNBROKEN_WORD = 24
_GAP = 1  # the space on each side of a cell (Table padding (0, 1), no edge padding)
_PADDING = " " * _GAP
_HEADER_STYLE = "table.header"  # a Rich Table's header_style
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
    # each cell's markup parsed once, as Rich's table would parse it, and the same Text
    # measured here and printed
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
    _print_rows(
        console,
        [columns[i] for i in kept],
        [headers[i] for i in kept],
        widths,
        [[row[i] for i in kept] for row in texts],
    )
    if dropped:
        console.print(
            f"[dim]left out at this width: {escape(', '.join(dropped))} "
            "(a wider terminal shows them)[/]"
        )


def _print_rows(
    console: Console,
    columns: Sequence[Column],
    header: Sequence[Text],
    widths: Sequence[int],
    rows: Sequence[Sequence[Text]],
) -> None:
    """Print the header and rows as Rich's table of these widths prints them (`box=None`,
    padding of one space each side of a cell but at the edges, a column kept whole does not
    wrap, a word too long folds), composed here.

    Rich renders a table cell by cell, each through its own padding, wrapping, cropping and
    styling, which was most of the time `check` took to print. Here each cell is wrapped
    and justified by Rich's own Text.wrap, as the table does, and its lines put side by
    side into lines of text printed at once. A row Rich measures otherwise is left to
    Rich's table (see `_composable`)."""
    if not columns:  # every column left out on a very narrow screen: a blank line
        console.print(_table(columns, header, widths, [], show_header=True), crop=False)
        return
    if len(widths) == 1:
        widths = [max(widths[0], 1)]  # a lone column: Rich's table makes it one cell wide at least
    parts: list[Segments | Table] = []
    lines: list[Text] = []
    for index, row in enumerate([header, *rows]):
        if _composable(row):
            # the table styles the header's cells, their padding and their blank lines
            style = console.get_style(_HEADER_STYLE) if index == 0 else None
            lines.extend(_row_lines(console, columns, widths, row, style))
            continue
        if lines:
            parts.append(_rendered(console, lines))
            lines = []
        if index:
            parts.append(_table(columns, header, widths, [row], show_header=False))
        else:
            parts.append(_table(columns, header, widths, [], show_header=True))
    if lines:
        parts.append(_rendered(console, lines))
    # the widths fit the console, so no line is wider: nothing for Rich to crop
    console.print(Group(*parts), crop=False)


def _table(
    columns: Sequence[Column],
    header: Sequence[Text],
    widths: Sequence[int],
    rows: Sequence[Sequence[Text]],
    *,
    show_header: bool,
) -> Table:
    """Rich's table of these widths, for what is not composed: its rows are rendered one by
    one, so a row printed in a table of its own prints the same."""
    table = Table(box=None, padding=(0, _GAP), pad_edge=False, show_header=show_header)
    for column, title, width in zip(columns, header, widths, strict=True):
        table.add_column(
            title, width=width, justify=column.justify, no_wrap=column.whole, overflow="fold"
        )
    for row in rows:
        table.add_row(*row)
    return table


def _rendered(console: Console, lines: Sequence[Text]) -> Segments:
    """Composed lines as Rich renders them, each ended by a line break: already of the
    table's width, they are not given to Rich to wrap (which would split them apart and
    join them again, and justify nothing)."""
    return Segments(_LINE_BREAK.join(lines).render(console, end="\n"))


def _composable(row: Sequence[Text]) -> bool:
    """Whether a row is composed rather than left to Rich's table. Rich pads and crops the
    lines of a cell by the sum of its pieces' widths, and with a zero-width joiner or an
    emoji variation selector a string's width is not the sum of its pieces' (an emoji
    sequence split by a style's edge), so such a row is left to the table."""
    return not any("\u200d" in cell.plain or "\ufe0f" in cell.plain for cell in row)


def _cell_lines(console: Console, cell: Text, column: Column, width: int) -> list[Text]:
    """A cell's lines, as the table wraps and justifies it (Text.__rich_console__ with the
    column's justify, overflow and no_wrap; a parsed cell sets none of these itself), each
    of the column's width. A cell on one line that fits is only justified by Text.wrap
    (no line break, no tab to expand, no width to fold or cut, no space past the width to
    strip: that one counts characters), so it is justified directly, which is quicker."""
    if width < 1:
        return []  # Rich renders nothing in no room (Console.render), so the cell is blank
    text = cell.plain
    if "\n" in text or "\t" in text or len(text) > width or cell.cell_len > width:
        return list(
            cell.wrap(
                console,
                width,
                justify=column.justify,
                overflow="fold",
                tab_size=console.tab_size or 8,
                no_wrap=column.whole,
            )
        )
    line = cell.copy()
    Lines([line]).justify(console, width, justify=column.justify, overflow="fold")
    return [line]


def _row_lines(
    console: Console,
    columns: Sequence[Column],
    widths: Sequence[int],
    row: Sequence[Text],
    style: Style | None,
) -> list[Text]:
    """A row's lines as the table prints them: each cell's lines, a space of padding on each
    side but at the table's edges, and under a cell shorter than the row blank lines (over
    it in the header, which the table aligns to the bottom).

    `style` is the header's for the header, None for a row of the body. The table gives it to each piece of the row it prints: a
    cell's line (under the cell's own styles), each padding space, each blank line of a
    cell with its padding. A colour terminal prints every styled piece between escape codes
    of its own, so each piece is appended here with a style span of its own, which Rich
    prints as a piece of its own."""
    cells = [
        _cell_lines(console, cell, column, width)
        for cell, column, width in zip(row, columns, widths, strict=True)
    ]
    height = max(len(lines) for lines in cells)
    if not height:
        # no cell has room for a line: the table shapes the row to a line of blanks, unstyled
        height, style = 1, None
    last = len(cells) - 1
    composed = [Text() for _ in range(height)]
    for index, (lines, width) in enumerate(zip(cells, widths, strict=True)):
        left = _PADDING if index else ""
        right = _PADDING if index < last else ""
        blank = " " * (len(left) + width + len(right))
        top = height - len(lines) if style is not None else 0
        for number, line in enumerate(composed):
            if not top <= number < top + len(lines):
                line.append(blank, style)
                continue
            text = lines[number - top]
            if style is not None:
                text.style = style  # under the cell's own styles, as the table adds it to them
            line.append(left, style)
            line.append_text(text)
            line.append(right, style)
    return composed


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

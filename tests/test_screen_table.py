"""The terminal never cuts a value: at 80, 100 and 200 columns every amount, date and result
of `check`, `rent`, `calendar` and `vote` is printed whole; a narrow screen leaves out optional
columns with a note, and at the last stacks the rows."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from bad_input_support import EXAMPLE, run
from pactum import screen_table
from pactum.clauses import commands
from pactum.cli import app
from pactum.screen_table import Column, print_table

WIDTHS = (80, 100, 200)
# a figure as the terminal prints it: money, a ratio or a percentage, a date
FIGURE = re.compile(r"-?\$[\d,]+\.\d\d|\b\d+\.\d{2,4}%?|\b\d{4}-\d\d-\d\d\b")


def _render(
    width: int, columns: list[Column], rows: list[list[str]], *, colour: bool = False
) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        highlight=False,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
    )
    print_table(console, columns, rows)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def test_a_table_that_fits_is_printed_whole_on_one_line_a_row() -> None:
    output = _render(
        60, [Column("date"), Column("amount", justify="right")], [["2004-03-31", "$34,250,000.00"]]
    )
    assert output.splitlines()[1].split() == ["2004-03-31", "$34,250,000.00"]


def test_words_wrap_but_figures_stay_whole() -> None:
    rows = [
        [
            "2004-03-31",
            "Minimum tangible net worth at the end of the fiscal quarter",
            "$34,250,000.00",
        ]
    ]
    output = _render(50, [Column("date"), Column("test", whole=False), Column("amount")], rows)
    assert "$34,250,000.00" in output
    assert "2004-03-31" in output
    assert "…" not in output
    # the words are all there, wrapped over several lines
    words = [
        "Minimum",
        "tangible",
        "net",
        "worth",
        "at",
        "the",
        "end",
        "of",
        "the",
        "fiscal",
        "quarter",
    ]
    assert sorted(output.split()) == sorted(
        ["date", "test", "amount", "2004-03-31", "$34,250,000.00", *words]
    )
    assert len(output.splitlines()) > 2


def test_optional_columns_are_left_out_last_first_with_a_note() -> None:
    columns = [
        Column("date"),
        Column("amount"),
        Column("headroom", optional=True),
        Column("driver", optional=True),
    ]
    rows = [["2004-03-31", "$34,250,000.00", "-$70,000.00", "tangible_net_worth -$70,000.00"]]
    # date 10 + amount 14 + headroom 11 + gaps: 39 columns fit three, not the driver
    output = _render(41, columns, rows)
    assert "-$70,000.00" in output
    assert "tangible_net_worth" not in output
    assert "left out at this width: driver" in output
    output = _render(30, columns, rows)
    assert "left out at this width: headroom, driver" in " ".join(output.split())
    assert "$34,250,000.00" in output


def test_a_screen_too_narrow_for_the_figures_stacks_the_rows() -> None:
    columns = [Column("date"), Column("amount"), Column("required")]
    rows = [["2004-03-31", "$34,250,000.00", ">= $34,000,000.00"], ["2004-06-30", "$1.00", "$0.00"]]
    output = _render(30, columns, rows)
    assert "amount: $34,250,000.00" in output
    assert "required: >= $34,000,000.00" in output
    assert "date: 2004-06-30" in output
    assert "…" not in output


def test_an_empty_table_prints_its_header_only() -> None:
    output = _render(40, [Column("date"), Column("amount")], [])
    assert output.split() == ["date", "amount"]


def _rich_table(
    console: Console,
    columns: Sequence[Column],
    header: Sequence[Text],
    widths: Sequence[int],
    rows: Sequence[Sequence[Text]],
) -> None:
    """The rows as a plain Rich table prints them, one row of the table a row, as
    screen_table printed them before it composed the lines itself."""
    table = Table(box=None, padding=(0, 1), pad_edge=False)
    for column, title, width in zip(columns, header, widths, strict=True):
        table.add_column(
            title, width=width, justify=column.justify, no_wrap=column.whole, overflow="fold"
        )
    for row in rows:
        table.add_row(*row)
    console.print(table, crop=False)


def _printed(
    mode: str, width: int, columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        highlight=False,
        emoji=False,
        force_terminal=mode != "plain",
        color_system=None if mode == "plain" else mode,  # type: ignore[arg-type]
    )
    print_table(console, columns, rows)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def _as_rich_prints(
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    width: int,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
) -> None:
    """print_table's lines are byte for byte those of Rich's table of the same widths."""
    composed = _printed(mode, width, columns, rows)
    with monkeypatch.context() as patched:
        patched.setattr(screen_table, "_print_rows", _rich_table)
        assert composed == _printed(mode, width, columns, rows)


MODES = ["plain", "standard", "truecolor"]
TABLE_COLUMNS = [
    Column("date"),
    Column("test", whole=False),
    Column("amount", justify="right"),
    Column("[bold]due[/]\nnote", whole=False, justify="right", optional=True),
]
TABLE_ROWS = [
    ["2004-03-31", "Minimum tangible net worth [dim](forecast)[/]", "$34,250,000.00", ""],
    ["2004-06-30", "[green]pass[/]", "$1.00", "[dim]falls on a Sunday; not rolled[/]"],
    ["2004-07-31", "[red]FAIL[/]", "-$70,000.00", "short"],
    ["2004-09-30", "t\ta\tb\ts\tw\ti\td\te\tn", "-$70,000.00", "tab"],
    ["2004-10-31", "[green]pass[/]", "$3.00", "one"],
    ["2004-11-30", "[green]pass[/]", "$4.00", "one\n[dim]two[/]"],
    ["2004-12-31", "averyveryveryverylongidentifierwithoutspaces", "", "漢字テキスト"],
    ["", "", "", ""],
    ["2005-03-31", "[bold]FAIL[/] at 10:30:00 \\[sic]", "$0.00", "  spaced  [red] [/]"],
    ["2005-04-30", "[red]a  [/]", "$5.00", "[on blue]  [/]"],
    ["2005-06-30", "n/a 👩\u200d💻", "$2.00", "the last"],
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [30, 40, 50, 80, 120, 200])
def test_rows_print_as_a_rich_table_prints_them(
    monkeypatch: pytest.MonkeyPatch, width: int, mode: str
) -> None:
    """print_table composes the table's lines itself; the bytes are those of Rich's table,
    styles included, whether rows wrap, fold, hold a line break or a tab, are empty, or a
    column is left out."""
    _as_rich_prints(monkeypatch, mode, width, TABLE_COLUMNS, TABLE_ROWS)


# pieces of cells: words, figures, markup (closed in the piece), escaped brackets, wide
# characters, a combining accent, an emoji sequence, tabs, line breaks, runs of spaces
PIECES = [
    "pass", "net", "worth", "$34,250,000.00", "-$1.00", "2004-03-31", "[red]FAIL[/]",
    "[dim](forecast)[/]", "[bold green]ok[/]", "[on blue] x [/]", "\\[not markup]", "漢字",
    "テキスト", "e\u0301", "👩\u200d💻", "\t", "\n", "", " ", "   ", "averyverylongidentifier",
    "[red]  [/]", "[italic]a[bold]b[/bold]c[/italic]", ":",
]  # fmt: skip
cells = st.lists(st.sampled_from(PIECES), max_size=6).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=4
).map("".join)
columns = st.builds(
    Column,
    header=st.sampled_from(["date", "amount", "[bold]due[/]", "due\ndate", "漢字", "a b c", ""]),
    whole=st.booleans(),
    justify=st.sampled_from(["left", "right"]),
    optional=st.booleans(),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    table=st.lists(columns, min_size=1, max_size=5).flatmap(
        lambda cols: st.tuples(
            st.just(cols),
            st.lists(st.lists(cells, min_size=len(cols), max_size=len(cols)), max_size=5),
        )
    ),
    width=st.sampled_from([1, 8, 20, 40, 80, 120, 200]),
    mode=st.sampled_from(MODES),
)
def test_any_table_prints_as_a_rich_table_prints_it(
    monkeypatch: pytest.MonkeyPatch,
    table: tuple[list[Column], list[list[str]]],
    width: int,
    mode: str,
) -> None:
    _as_rich_prints(monkeypatch, mode, width, *table)


def _command_output(monkeypatch: pytest.MonkeyPatch, width: int, arguments: list[str]) -> str:
    monkeypatch.setattr(commands.out, "width", width)
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _whole_figures(wide: str, narrow: str) -> None:
    """No figure is cut at the narrower width: nothing ends in an ellipsis, no piece of a
    figure is printed (every figure there is one printed at 200 columns), and a figure
    missing is in a column the narrow table says it left out."""
    assert "…" not in narrow
    wide_figures, narrow_figures = set(FIGURE.findall(wide)), set(FIGURE.findall(narrow))
    assert narrow_figures <= wide_figures, sorted(narrow_figures - wide_figures)
    if wide_figures - narrow_figures:
        assert "left out at this width" in narrow


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "{example}", "--as-of", "2003-02-28"],
        ["check", "{example}"],
        ["rent", "{example}", "windham-lease"],
        ["calendar", "{example}", "--from", "2004-01-01", "--to", "2004-03-31"],
        [
            "vote",
            "{example}",
            "ipof-standstill",
            "--votes",
            "{example}/facts/votes/2004-annual-meeting.csv",
        ],
    ],
    ids=["check-february", "check", "rent", "calendar", "vote"],
)
def test_commands_cut_no_figure_at_80_100_and_200_columns(
    monkeypatch: pytest.MonkeyPatch, example: Path, arguments: list[str]
) -> None:
    filled = [a.replace("{example}", str(example)) for a in arguments]
    wide = _command_output(monkeypatch, 200, filled)
    assert FIGURE.search(wide)
    for width in WIDTHS:
        narrow = _command_output(monkeypatch, width, filled)
        _whole_figures(wide, narrow)
        assert "FAIL" in narrow or "FAIL" not in wide


COMMAND_NAMES = [
    "check", "desk", "record", "recorded", "verify", "history", "schema", "clauses", "demo",
    "report", "calendar", "serve", "collateral", "interest", "notice", "rent", "vote",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_help_at_80_columns_wraps_each_paragraph_evenly(command: str) -> None:
    """A command's description, between its usage line and its first box, is wrapped by the
    terminal: within a paragraph no line but the last stops short (a docstring's own line
    break printed "later" at the end of one line and "months are" alone on the next)."""
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    usage = next(i for i, line in enumerate(lines) if "Usage:" in line)
    box = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    paragraphs = "\n".join(line.strip() for line in lines[usage + 1 : box]).split("\n\n")
    for paragraph in (p.strip() for p in paragraphs if p.strip()):
        *filled, _ = paragraph.split("\n")
        for line in filled:
            assert len(line) >= 45, f"{command}: a short line {line!r} inside {paragraph!r}"


def test_the_command_list_at_80_columns_wraps_each_description_evenly() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    # "as of a date (in a" then "book, every borrower's, or one's with --borrower)." before
    assert "alerts as of a date (in a book, every borrower's, or one's with" in " ".join(
        line.strip("│ ") for line in result.stdout.splitlines()
    )


def test_a_name_between_colons_is_printed_as_written(tmp_path: Path) -> None:
    """An agreement's text such as "Section 2:a:1" or ":100:" is not an emoji code."""
    root = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, root)
    sheet = root / "agreements" / "southtrust-abl.yaml"
    text = sheet.read_text(encoding="utf-8")
    old = "title: SouthTrust asset-based revolving credit facility"
    assert text.count(old) == 1
    sheet.write_text(text.replace(old, "title: 'SouthTrust facility, Section 2:a:1 and :100:'"))
    result = run("check", str(root), "--as-of", "2003-11-30")
    assert result.exit_code == 0, result.output
    assert "SouthTrust facility, Section 2:a:1 and :100:" in result.stdout

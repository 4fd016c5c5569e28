"""YAML loading: Decimal numbers, dates, the line of every value, and errors that name a line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pactum.errors import InputError
from pactum.terms.yaml_source import YamlDocument, load_yaml


def load(tmp_path: Path, text: str) -> YamlDocument:
    path = tmp_path / "sheet.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def test_numbers_load_as_decimal_exactly_as_written(tmp_path: Path) -> None:
    doc = load(
        tmp_path,
        "rate: 0.85\n"
        "half: 0.50\n"
        "commitment: 40000000\n"
        "grouped: 1_000_000\n"
        "negative: -0.1\n"
        "quoted: '0.85'\n",
    )
    assert doc.data["rate"] == Decimal("0.85")
    assert type(doc.data["rate"]) is Decimal  # not float
    assert str(doc.data["half"]) == "0.50"  # the trailing zero is kept
    assert doc.data["commitment"] == Decimal("40000000")
    assert type(doc.data["commitment"]) is Decimal  # not int
    assert doc.data["grouped"] == Decimal("1000000")
    assert doc.data["negative"] == Decimal("-0.1")
    assert doc.data["quoted"] == "0.85"  # a quoted number stays text


def test_dates_load_as_dates(tmp_path: Path) -> None:
    doc = load(tmp_path, "maturity: 2005-06-30\nschedule:\n  2003-03-31: 32500000\n")
    assert doc.data["maturity"] == date(2005, 6, 30)
    assert type(doc.data["maturity"]) is date
    # dates as mapping keys too (covenant schedules), and numbers as keys (capex years)
    assert doc.data["schedule"] == {date(2003, 3, 31): Decimal("32500000")}


def test_number_keys_are_decimal(tmp_path: Path) -> None:
    doc = load(tmp_path, "general_limit:\n  2003: 3000000\n")
    assert doc.data["general_limit"] == {Decimal("2003"): Decimal("3000000")}


def test_lines_of_nested_values(tmp_path: Path) -> None:
    text = (
        "# a comment on line 1\n"  # 1
        "id: x\n"  # 2
        "borrowing_base:\n"  # 3
        "  receivables_rate:\n"  # 4
        "    value: 0.85\n"  # 5
        "    cite: limited to 85%\n"  # 6
        "  inventory_classes:\n"  # 7
        "    - id: bellsouth\n"  # 8
        "      rate: 0.65\n"  # 9
        "    - id: other\n"  # 10
        "      rate: 0.40\n"  # 11
    )
    doc = load(tmp_path, text)
    assert doc.line_of(("id",)) == 2
    assert doc.line_of(("borrowing_base", "receivables_rate", "value")) == 5
    assert doc.line_of(("borrowing_base", "receivables_rate", "cite")) == 6
    assert doc.line_of(("borrowing_base", "inventory_classes", 0, "id")) == 8
    assert doc.line_of(("borrowing_base", "inventory_classes", 1, "rate")) == 11
    # a path with no line of its own gets its nearest ancestor's
    assert doc.line_of(("borrowing_base", "inventory_classes", 1, "rate", "missing")) == 11
    assert doc.line_of(("nothing", "here")) == 2  # the root mapping starts on line 2
    assert doc.lines[()] == 2


def test_empty_file(tmp_path: Path) -> None:
    doc = load(tmp_path, "# nothing but a comment\n")
    assert doc.data is None
    assert doc.lines == {}
    assert doc.line_of(("a",)) is None


def test_duplicate_key_refused_with_its_line(tmp_path: Path) -> None:
    text = "commitment: 40000000\nmaturity: 2005-06-30\ncommitment: 45000000\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, text)
    [problem] = caught.value.problems
    assert problem.line == 3  # the second `commitment`
    assert problem.field == "commitment"
    assert "duplicate" in problem.found


def test_nested_duplicate_key_refused_with_its_line(tmp_path: Path) -> None:
    text = "fees:\n  - id: audit\n    amount: 2700\n    amount: 2800\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, text)
    assert caught.value.problems[0].line == 4


def test_collection_key_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path, "a: 1\n? [x, y]\n: 2\n")
    assert caught.value.problems[0].line == 2


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    # `b: 2` continues as a plain scalar onto line 3, where `c:` is a mapping value not allowed
    text = "a: 1\nb: 2\n  c: 3\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, text)
    [problem] = caught.value.problems
    assert problem.line == 3
    assert problem.expected == "well-formed YAML"
    assert str(problem).startswith(f"{tmp_path / 'sheet.yaml'}:line 3: ")


def test_tab_indentation_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path, "a:\n\tb: 1\n")
    assert caught.value.problems[0].line == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "absent.yaml")
    assert "unreadable" in caught.value.problems[0].found


@pytest.mark.parametrize("value", ["11:00", "0x1A", ".inf"])
def test_unreadable_number_is_an_input_error(tmp_path: Path, value: str) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path, f"id: x\ncutoff: {value}\n")
    assert caught.value.problems[0].line == 2

"""Imports go down the layers of `layers_support.LAYERS`, and no two packages import each other;
the check names the import that breaks either rule (run on broken copies of the package)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import layers_support
from layers_support import problems

SRC = Path(__file__).resolve().parents[1] / "src"


def test_pactum_keeps_its_layers_and_has_no_package_cycle() -> None:
    assert problems(SRC) == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of src/pactum's Python files, to break."""

    def not_python(folder: str, names: list[str]) -> list[str]:
        return [
            name
            for name in names
            if name == "__pycache__" or not (name.endswith(".py") or Path(folder, name).is_dir())
        ]

    shutil.copytree(SRC / "pactum", tmp_path / "pactum", ignore=not_python)
    return tmp_path


def append(path: Path, line: str) -> int:
    """Add `line` at the end of the file; its line number."""
    text = path.read_text()
    path.write_text(text + line + "\n")
    return text.count("\n") + 1


def test_an_import_of_a_layer_above_is_named(copy: Path) -> None:
    line = append(copy / "pactum" / "money.py", "from pactum import cli")
    found = problems(copy)
    named = f"pactum.money -> pactum.cli (line {line}: from pactum import cli)"
    assert found[0] == f"core imports presentation, a layer above it: {named}"
    # cli imports money, so the same import also closes a cycle, and is named there
    assert found[1:] and all(p.startswith("packages import each other") for p in found[1:])
    assert all(named in p for p in found)


def test_two_packages_of_one_layer_that_import_each_other_are_named(copy: Path) -> None:
    kinds = copy / "pactum" / "kinds"
    to_standstill = append(kinds / "lease" / "share.py", "import pactum.kinds.standstill.schema")
    to_lease = append(kinds / "standstill" / "term.py", "import pactum.kinds.lease.schema")
    assert problems(copy) == [
        "packages import each other: pactum.kinds.lease -> pactum.kinds.standstill -> "
        "pactum.kinds.lease, by pactum.kinds.lease.share -> pactum.kinds.standstill.schema "
        f"(line {to_standstill}: import pactum.kinds.standstill.schema); "
        "pactum.kinds.standstill.term -> pactum.kinds.lease.schema "
        f"(line {to_lease}: import pactum.kinds.lease.schema)"
    ]


def test_imports_in_functions_and_for_type_checking_count(copy: Path) -> None:
    dates = copy / "pactum" / "dates.py"
    append(
        dates,
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pactum.terms.sheet import TermSheet",
    )
    append(dates, "def _late() -> None:\n    from pactum.evaluate import check")
    found = problems(copy)
    assert any(
        "core imports terms" in p and "pactum.dates -> pactum.terms.sheet" in p for p in found
    )
    assert any(
        "core imports evaluate" in p and "pactum.dates -> pactum.evaluate" in p for p in found
    )


def test_a_module_in_no_layer_is_named(copy: Path) -> None:
    (copy / "pactum" / "extra.py").write_text("")
    assert problems(copy) == ["pactum.extra is in no layer: add it to LAYERS"]


def test_an_allowed_import_that_is_gone_must_leave_the_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gone = ("pactum.money", "pactum.cli", "for the test")
    monkeypatch.setattr(layers_support, "ALLOWED", (*layers_support.ALLOWED, gone))
    assert problems(SRC) == [
        "allow-listed import is gone, take it off ALLOWED: pactum.money -> pactum.cli"
    ]


def test_presentation_that_imports_a_clause_family_is_named(copy: Path) -> None:
    line = append(copy / "pactum" / "terminal.py", "import pactum.kinds.lease.schema")
    assert problems(copy) == [
        "presentation imports a clause family, which it must not name: pactum.terminal -> "
        f"pactum.kinds.lease.schema (line {line}: import pactum.kinds.lease.schema)"
    ]

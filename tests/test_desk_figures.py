"""Issue 17's figures on screen and paper: status and counts that agree, agreements not yet in
force or ended, projected failures in date order, documents a person reads (whole shares,
words, no internal ids), the rent roll's totals, the compliance certificate's calculation
schedule, and each family command's help naming an agreement of its own kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bad_input_support import run as run_cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
INNOTRAC = EXAMPLES / "innotrac"


def _clause_types(agreement_id: str) -> set[str]:
    """The clause types of the example sheet of that id (read from its YAML text)."""
    [sheet] = EXAMPLES.glob(f"*/agreements/{agreement_id}.yaml")
    return set(re.findall(r"^\s+type: (\w+)", sheet.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize(
    ("command", "clause_type"),
    [
        ("rent", "lease"),
        ("vote", "standstill"),
        ("notice", "notices"),
        ("interest", "interest"),
    ],
)
def test_each_family_command_help_gives_an_agreement_of_its_own_kind(
    command: str, clause_type: str
) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("│", " ").split())
    examples = re.findall(r"e\.g\. ([a-z0-9-]+-[a-z0-9-]+)", text)
    agreement_examples = [e for e in examples if list(EXAMPLES.glob(f"*/agreements/{e}.yaml"))]
    # `interest` used to give ipof-standstill, an agreement with no interest clause
    for example in agreement_examples:
        assert clause_type in _clause_types(example), (command, example)

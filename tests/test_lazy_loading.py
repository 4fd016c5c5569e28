"""A command loads only what it runs: `pactum check` on the example imports the clause types
its sheets name and no family's command code; `pactum rent` loads the lease's commands. (Each
clause type's schemas cost import time on every run; a third party's types would too.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"
MODULES = """
import sys
from typer.testing import CliRunner
from pactum.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code == 0, result.output
print("\\n".join(sorted(sys.modules)))
"""


def _imported(*arguments: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", MODULES, *arguments], check=True, capture_output=True, text=True
    )
    return set(run.stdout.split())


def test_check_imports_only_the_clause_types_its_portfolio_names() -> None:
    modules = _imported("check", str(EXAMPLE))
    # the example's sheets: revolver and fees; lease and options; standstill and notices
    for used in ("pactum.kinds.revolver", "pactum.kinds.lease", "pactum.kinds.standstill"):
        assert used in modules
    for unused in (
        "pactum.late_charges",
        "pactum.security_deposits",
        "pactum.expense_reimbursement",
        "pactum.board_composition",
        "pactum.term_loans",
        "pactum.interest",
    ):
        assert unused not in modules, unused
    assert not {m for m in modules if m.endswith(".commands") and m != "pactum.clauses.commands"}


def test_a_family_command_loads_its_own_commands() -> None:
    modules = _imported("rent", str(EXAMPLE), "windham-lease")
    assert "pactum.kinds.lease.commands" in modules
    assert "pactum.kinds.standstill.commands" not in modules


def test_help_lists_every_family_command() -> None:
    from typer.testing import CliRunner

    from pactum.cli import app

    result = CliRunner().invoke(app, ["--help"])
    for command in ("check", "rent", "vote", "notice", "interest", "collateral"):
        assert command in result.stdout

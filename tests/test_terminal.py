"""The human output: alerts and failing tests first, then key values, then deadlines."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pactum.cli import app


def test_order_of_the_human_output(example: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(example), "--as-of", "2003-02-28"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    alert = text.index("Projected failure: Minimum tangible net worth at 2003-03-31")
    failing_test = text.index("FAIL")
    values = text.index("Borrowing base")
    deadlines = text.index("obligation")
    assert alert < failing_test < values < deadlines
    # the March 20 request of 5,000,000 against 4,500,000 available fails by 500,000
    assert "Draw request of $5,000,000.00" in text
    assert "Tangible net worth -$220,000.00" in text  # TNW 32,280,000 against 32,500,000


def test_verify_prints_the_counts(example: Path) -> None:
    result = CliRunner().invoke(app, ["verify", str(example)])
    assert result.exit_code == 1  # the lease's misprinted Exhibit B figure
    assert "southtrust-abl: 29 cited, 30 assumed, 0 unsourced" in result.stdout
    # the lease's eight stated formulas that divide by 12 (and by 2) and the standstill's one
    # that multiplies by 100 are assumed terms (test_verify.test_example_counts), and so are
    # the expansion option's alert days and calendar entries, which the amendment does not set
    assert "windham-lease: 45 cited, 25 assumed, 0 unsourced" in result.stdout
    assert "ipof-standstill: 32 cited, 13 assumed, 0 unsourced" in result.stdout

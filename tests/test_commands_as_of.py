"""The family commands read each clause as its instruments stand on the command's date, as
`pactum check` does: Novavax's rent roll before the letter of September 29, 1999 exercising
the extension is the original term's (five lease years, through March 31, 2000); from the
letter, the extended term's (ten, through March 31, 2005)."""

from __future__ import annotations

from pathlib import Path

from bad_input_support import run as run_cli

NOVAVAX = Path(__file__).resolve().parents[1] / "examples" / "novavax"


def roll(as_of: str) -> list[list[str]]:
    result = run_cli("rent", str(NOVAVAX), "one-taft-court-lease", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    return [line.split() for line in result.stdout.splitlines() if line[:4].isdigit()]


def test_rent_before_the_exercise_letter_is_the_original_terms() -> None:
    rows = roll("1999-09-01")
    # 60 months, April 1995 to March 2000; each lease year's installment is round(annual / 12):
    # 158,530.50 / 12 = 13,210.875 -> 13,210.88; x 1.03 each year, half-up: 163,286.42
    # (13,607.20), 168,185.01 (14,015.42), 173,230.56 (14,435.88), 178,427.48 (14,868.96);
    # twelve of each: 841,660.08
    assert (rows[0][0], rows[-1][0], len(rows)) == ("1995-04", "2000-03", 60)
    # the fifth lease year, months 49 to 60 of the term, in words on screen
    assert rows[-1][1:5] == ["Lease", "months", "49-60", "$14,868.96"]
    total = next(
        line.split()
        for line in run_cli(
            "rent", str(NOVAVAX), "one-taft-court-lease", "--as-of", "1999-09-01"
        ).stdout.splitlines()
        if line.startswith("total")
    )
    assert total[1] == "$841,660.08"


def test_rent_from_the_exercise_letter_runs_the_extended_term() -> None:
    rows = roll("1999-09-29")
    # the tenth lease year: months 109 (9 x 12 + 1) to 120
    assert (rows[-1][0], " ".join(rows[-1][1:4]), len(rows)) == (
        "2005-03",
        "Lease months 109-120",
        120,
    )

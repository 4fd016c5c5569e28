"""The receivables waterfall on hand-made agings, on DuckDB and on Spark.

Every expected figure is worked out by hand in the comments from the spec in
`pactum.collateral.__init__` and the SouthTrust terms: aged when more than 90 days past the
invoice date or more than 60 days past due; cross-aged above 50%; foreign (home US),
affiliate, government; the flags disputed, bill_and_hold, consignment, progress_billing in that
order; contra; concentration 25%. The as-of date is 2024-06-30, so

    2024-06-30 - 90 days = 2024-04-01   (30 + 31 + 29 days back: Jun 30 -> May 31 -> Apr 1)
    2024-06-30 - 60 days = 2024-05-01

An invoice dated 2024-04-01 is exactly 90 days old (not aged), one dated 2024-03-31 is 91 (aged);
a due date of 2024-05-01 is exactly 60 days past (not aged), 2024-04-30 is 61 (aged).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from collateral_support import (
    AGING_COLUMNS,
    AS_OF,
    PAYABLE_COLUMNS,
    SOUTHTRUST_RECEIVABLES,
    as_dict,
    assert_adds_up,
    assert_debtor,
    buckets,
    rules,
    southtrust,
    write_csv,
)
from collateral_support import engine_fixture as engine_fixture
from pactum.collateral.engines import Engine
from pactum.collateral.receivables import receivables_results

KINDS = ("country", "foreign", "affiliate", "government")
# deliberately not the sheet's order: the sheet's order decides, not the file's
FLAG_COLUMNS = ("progress_billing", "consignment", "bill_and_hold", "disputed")


def test_aged_boundaries_and_cross_age(tmp_path: Path, engine: Engine) -> None:
    aging = write_csv(
        tmp_path / "aging.csv",
        AGING_COLUMNS,
        [
            # B90: exactly 90 days from the invoice and exactly 60 past due: not aged;
            # and 76 days from the invoice, exactly 60 past due: not aged.  Eligible 150.00.
            ("b90-1", "B90", "2024-04-01", "2024-05-01", "100.00"),
            ("b90-2", "B90", "2024-04-15", "2024-05-01", "50.00"),
            # B91: 91 days from the invoice (only 46 past due): aged 200.00. Cross-aged would
            # take the remaining balance, which is 0.00.
            ("b91-1", "B91", "2024-03-31", "2024-05-15", "200.00"),
            # P61: 90 days from the invoice but 61 past due: aged 300.00; its other invoice is
            # clean, 300.00 of 600.00 = exactly 50%: not cross-aged. Eligible 300.00.
            ("p61-1", "P61", "2024-04-01", "2024-04-30", "300.00"),
            ("p61-2", "P61", "2024-06-01", "2024-07-01", "300.00"),
            # X: aged 300.01 of 600.01 > 50%: cross-aged, the clean 300.00 goes too.
            ("x-1", "X", "2024-01-15", "2024-02-14", "300.01"),
            ("x-2", "X", "2024-06-15", "2024-07-15", "300.00"),
            # Z: a zero balance invoice (old, but no dollars): counted as a row, 0.00 everywhere
            ("z-1", "Z", "2024-01-01", "2024-01-31", "0.00"),
        ],
    )
    found = receivables_results(
        aging, None, rules(concentration_percent=None), AS_OF, engine, with_debtors=True
    )
    assert list(found) == [""]  # no borrower_id column: one borrower
    result = found[""]
    # gross 150 + 200 + 600 + 600.01 + 0 = 1550.01; aged 200 + 300 + 300.01 = 800.01;
    # cross-aged 300.00; eligible 150 + 300 = 450.00 (1550.01 - 800.01 - 300.00)
    assert result.rows == 8
    assert result.gross == Decimal("1550.01")
    assert result.aging_total == Decimal("1550.01")
    assert as_dict(result.buckets) == buckets(aged="800.01", cross_aged="300.00")
    assert result.eligible == Decimal("450.00")
    assert result.unapplied_credits == Decimal("0.00")
    assert [line.debtor_id for line in result.debtors] == ["B90", "B91", "P61", "X", "Z"]
    assert_debtor(result, "B90", invoices=2, gross="150.00", eligible="150.00")
    assert_debtor(result, "B91", invoices=1, gross="200.00", eligible="0.00", aged="200.00")
    assert_debtor(result, "P61", invoices=2, gross="600.00", eligible="300.00", aged="300.00")
    assert_debtor(
        result, "X", invoices=2, gross="600.01", eligible="0.00", aged="300.01", cross_aged="300.00"
    )
    assert_debtor(result, "Z", invoices=1, gross="0.00", eligible="0.00")
    assert_adds_up(result)


def test_debtor_kinds_and_flags(tmp_path: Path, engine: Engine) -> None:
    def row(
        invoice: str, debtor_id: str, dated: str, due: str, balance: str, *marks: str
    ) -> tuple[str, ...]:
        """`marks`: country=XX or the names of the columns that are true."""
        country = next((m.split("=")[1] for m in marks if m.startswith("country=")), "")
        kinds = tuple("true" if k in marks else "" for k in KINDS[1:])
        flags = tuple("yes" if f in marks else "no" for f in FLAG_COLUMNS)
        return (invoice, debtor_id, dated, due, balance, country, *kinds, *flags)

    fresh, due = "2024-06-01", "2024-07-01"
    aging = write_csv(
        tmp_path / "aging.csv",
        (*AGING_COLUMNS, *KINDS, *FLAG_COLUMNS),
        [
            # F1: country CA makes the debtor foreign; its invoice without a country follows
            # it: foreign 1000 + 500 = 1500.00. The old CA invoice (2024-01-02) is aged AND
            # foreign: aged only, 250.00. Aged 250 of 1750 (14%): not cross-aged. Eligible 0.
            row("f1-1", "F1", fresh, due, "1000.00", "country=CA"),
            row("f1-2", "F1", "2024-06-10", "2024-07-10", "500.00"),
            row("f1-3", "F1", "2024-01-02", "2024-02-01", "250.00", "country=CA"),
            # F2: the foreign column, although the country is US: foreign 400.00
            row("f2-1", "F2", fresh, due, "400.00", "country=US", "foreign"),
            # A: one invoice marked affiliate: the whole debtor, 700 + 300 = 1000.00
            row("a-1", "A", fresh, due, "700.00", "affiliate"),
            row("a-2", "A", fresh, due, "300.00"),
            # G: government 600.00
            row("g-1", "G", fresh, due, "600.00", "government"),
            # FA: foreign and affiliate: foreign comes first, 80.00
            row("fa-1", "FA", fresh, due, "80.00", "foreign", "affiliate"),
            # FL: one bucket per flag; an invoice with two flags (consignment, bill_and_hold)
            # counts under the first in the sheet's order, bill_and_hold: 20 + 50 = 70.00; a
            # disputed invoice that is also aged is aged, 60.00. Gross 10+20+30+40+50+60+500 =
            # 710.00; aged 60 of 710: not cross-aged; eligible the clean 500.00.
            row("fl-1", "FL", fresh, due, "10.00", "country=US", "disputed"),
            row("fl-2", "FL", fresh, due, "20.00", "bill_and_hold"),
            row("fl-3", "FL", fresh, due, "30.00", "consignment"),
            row("fl-4", "FL", fresh, due, "40.00", "progress_billing"),
            row("fl-5", "FL", fresh, due, "50.00", "consignment", "bill_and_hold"),
            row("fl-6", "FL", "2024-02-01", "2024-03-02", "60.00", "disputed"),
            row("fl-7", "FL", fresh, due, "500.00"),
            # D: a domestic debtor, every flag false: eligible 100.00
            row("d-1", "D", fresh, due, "100.00", "country=US"),
        ],
    )
    result = receivables_results(
        aging, None, rules(concentration_percent=None), AS_OF, engine, with_debtors=True
    )[""]
    # gross 1750 + 400 + 1000 + 600 + 80 + 710 + 100 = 4640.00
    # aged 250 + 60 = 310; foreign 1500 + 400 + 80 = 1980; eligible 500 + 100 = 600
    # 310 + 1980 + 1000 + 600 + 10 + 70 + 30 + 40 = 4040 = 4640 - 600
    assert result.rows == 16
    assert result.gross == Decimal("4640.00")
    assert as_dict(result.buckets) == buckets(
        aged="310.00",
        foreign="1980.00",
        affiliate="1000.00",
        government="600.00",
        disputed="10.00",
        bill_and_hold="70.00",
        consignment="30.00",
        progress_billing="40.00",
    )
    assert result.eligible == Decimal("600.00")
    assert_debtor(
        result, "F1", invoices=3, gross="1750.00", eligible="0.00", aged="250.00", foreign="1500.00"
    )
    assert_debtor(result, "F2", invoices=1, gross="400.00", eligible="0.00", foreign="400.00")
    assert_debtor(result, "A", invoices=2, gross="1000.00", eligible="0.00", affiliate="1000.00")
    assert_debtor(result, "G", invoices=1, gross="600.00", eligible="0.00", government="600.00")
    assert_debtor(result, "FA", invoices=1, gross="80.00", eligible="0.00", foreign="80.00")
    assert_debtor(
        result,
        "FL",
        invoices=7,
        gross="710.00",
        eligible="500.00",
        aged="60.00",
        disputed="10.00",
        bill_and_hold="70.00",
        consignment="30.00",
        progress_billing="40.00",
    )
    assert_debtor(result, "D", invoices=1, gross="100.00", eligible="100.00")
    assert_adds_up(result)


def test_credits_and_contra(tmp_path: Path, engine: Engine) -> None:
    fresh, due, old, old_due = "2024-06-01", "2024-07-01", "2024-01-10", "2024-02-09"
    aging = write_csv(
        tmp_path / "aging.csv",
        (*AGING_COLUMNS, "disputed"),
        [
            # C1: clean 100, disputed 50, aged 80; a credit of 120 (aged 80 of gross 230:
            # not cross-aged). credit_balances min(120, 230) = 120, taken clean first: clean
            # 100 -> 0, then disputed 50 -> 30; aged untouched. Aged 80, disputed 30, eligible 0.
            ("c1-1", "C1", fresh, due, "100.00", ""),
            ("c1-2", "C1", fresh, due, "50.00", "true"),
            ("c1-3", "C1", old, old_due, "80.00", ""),
            ("c1-4", "C1", fresh, due, "-120.00", ""),
            # C2: clean 60, credits 25 + 50 = 75 > gross 60: credit_balances 60.00, unapplied
            # 15.00, eligible 0
            ("c2-1", "C2", fresh, due, "60.00", ""),
            ("c2-2", "C2", fresh, due, "-25.00", ""),
            ("c2-3", "C2", fresh, due, "-50.00", ""),
            # C3: clean 200, a credit of 50 -> remaining 150; owes C3 30.00: contra 30,
            # eligible 120.00
            ("c3-1", "C3", fresh, due, "200.00", ""),
            ("c3-2", "C3", fresh, due, "-50.00", ""),
            # K1: clean 100, disputed 40; owes K1 500.00 (more than the receivable): disputed
            # 40, contra = the remaining 100.00, eligible 0
            ("k1-1", "K1", fresh, due, "100.00", ""),
            ("k1-2", "K1", fresh, due, "40.00", "1"),
            # K2: clean 300; owes K2 50 + 25 = 75 on two rows: contra 75, eligible 225.00
            ("k2-1", "K2", fresh, due, "300.00", ""),
            # K3: clean 10; owes K3 0.00: eligible 10.00
            ("k3-1", "K3", fresh, due, "10.00", "false"),
            # K4: aged 100 and clean 100 (exactly 50%: not cross-aged); owes K4 150: contra
            # = min(150, remaining 100) = 100 (never the aged dollars), eligible 0
            ("k4-1", "K4", old, old_due, "100.00", ""),
            ("k4-2", "K4", fresh, due, "100.00", ""),
        ],
    )
    payables = write_csv(
        tmp_path / "payables.csv",
        PAYABLE_COLUMNS,
        [
            ("C3", "30.00"),
            ("K1", "500.00"),
            ("K2", "50.00"),
            ("K2", "25.00"),
            ("K3", "0.00"),
            ("K4", "150.00"),
            ("NOPE", "1000.00"),  # owed to a debtor with no invoices: no effect
        ],
    )
    result = receivables_results(
        aging, payables, rules(concentration_percent=None), AS_OF, engine, with_debtors=True
    )[""]
    # gross 230 + 60 + 200 + 140 + 300 + 10 + 200 = 1140.00
    # aging total 1140 - 120 - 75 - 50 = 895.00
    # credit_balances 120 + 60 + 50 = 230; aged 80 + 100 = 180; disputed 30 + 40 = 70;
    # contra 30 + 100 + 75 + 0 + 100 = 305; eligible 120 + 225 + 10 = 355
    # 230 + 180 + 70 + 305 = 785 = 1140 - 355
    assert result.rows == 15
    assert result.gross == Decimal("1140.00")
    assert result.aging_total == Decimal("895.00")
    assert as_dict(result.buckets) == buckets(
        credit_balances="230.00", aged="180.00", disputed="70.00", contra="305.00"
    )
    assert result.eligible == Decimal("355.00")
    assert result.unapplied_credits == Decimal("15.00")
    assert_debtor(
        result,
        "C1",
        invoices=4,
        gross="230.00",
        eligible="0.00",
        credit_balances="120.00",
        aged="80.00",
        disputed="30.00",
    )
    assert_debtor(
        result,
        "C2",
        invoices=3,
        gross="60.00",
        eligible="0.00",
        unapplied="15.00",
        credit_balances="60.00",
    )
    assert_debtor(
        result,
        "C3",
        invoices=2,
        gross="200.00",
        eligible="120.00",
        credit_balances="50.00",
        contra="30.00",
    )
    assert_debtor(
        result, "K1", invoices=2, gross="140.00", eligible="0.00", disputed="40.00", contra="100.00"
    )
    assert_debtor(result, "K2", invoices=1, gross="300.00", eligible="225.00", contra="75.00")
    assert_debtor(result, "K3", invoices=1, gross="10.00", eligible="10.00")
    assert_debtor(
        result, "K4", invoices=2, gross="200.00", eligible="0.00", aged="100.00", contra="100.00"
    )
    assert "NOPE" not in [line.debtor_id for line in result.debtors]
    assert_adds_up(result)


def test_concentration_and_borrowers(tmp_path: Path, engine: Engine) -> None:
    fresh, due = "2024-06-01", "2024-07-01"
    aging = write_csv(
        tmp_path / "aging.csv",
        ("borrower_id", *AGING_COLUMNS, "country"),
        [
            # north: N4 is aged 1000.00 (remaining 0). Total remaining 600 + 225 + 75.02 =
            # 900.02; 25% = 225.005, rounded down to the cent: cap 225.00 (half up would be
            # 225.01). N1: 600 - 225 = 375.00 concentration; N2 at exactly the cap: none.
            # Gross 1900.02, eligible 225 + 225 + 75.02 = 525.02.
            ("north", "inv-1", "N1", fresh, due, "600.00", ""),
            ("north", "inv-2", "N2", fresh, due, "225.00", ""),
            ("north", "inv-3", "N3", fresh, due, "75.02", ""),
            ("north", "inv-4", "N4", "2023-12-01", "2023-12-31", "1000.00", ""),
            # south: the same invoice and debtor ids as north, a separate borrower. Owes S2
            # 20.00: contra 20, S2 remaining 80; total remaining 100 + 80 = 180, cap 45.00:
            # N1 concentration 55.00, S2 35.00; eligible 90.00 of gross 200.00
            ("south", "inv-1", "N1", fresh, due, "100.00", ""),
            ("south", "inv-2", "S2", fresh, due, "100.00", ""),
            # west: W1 (MX) foreign 1000, out of the total: remaining 300 + 100 = 400, cap
            # 100.00: W2 concentration 200.00, W3 none; eligible 200.00 of gross 1400.00
            ("west", "inv-1", "W1", fresh, due, "1000.00", "MX"),
            ("west", "inv-2", "W2", fresh, due, "300.00", "US"),
            ("west", "inv-3", "W3", fresh, due, "100.00", "US"),
        ],
    )
    payables = write_csv(
        tmp_path / "payables.csv",
        ("borrower_id", *PAYABLE_COLUMNS),
        # west owes an N1, but west has no debtor N1: north's and south's N1 are untouched
        [("south", "S2", "20.00"), ("west", "N1", "999.00")],
    )
    found = receivables_results(aging, payables, rules(), AS_OF, engine, with_debtors=True)
    assert list(found) == ["north", "south", "west"]
    north, south, west = found["north"], found["south"], found["west"]

    assert (north.rows, north.gross, north.eligible) == (4, Decimal("1900.02"), Decimal("525.02"))
    assert as_dict(north.buckets) == buckets(aged="1000.00", concentration="375.00")
    assert_debtor(
        north, "N1", invoices=1, gross="600.00", eligible="225.00", concentration="375.00"
    )
    assert_debtor(north, "N2", invoices=1, gross="225.00", eligible="225.00")
    assert_debtor(north, "N3", invoices=1, gross="75.02", eligible="75.02")
    assert_debtor(north, "N4", invoices=1, gross="1000.00", eligible="0.00", aged="1000.00")

    assert (south.rows, south.gross, south.eligible) == (2, Decimal("200.00"), Decimal("90.00"))
    assert as_dict(south.buckets) == buckets(contra="20.00", concentration="90.00")
    assert_debtor(south, "N1", invoices=1, gross="100.00", eligible="45.00", concentration="55.00")
    assert_debtor(
        south,
        "S2",
        invoices=1,
        gross="100.00",
        eligible="45.00",
        contra="20.00",
        concentration="35.00",
    )

    assert (west.rows, west.gross, west.eligible) == (3, Decimal("1400.00"), Decimal("200.00"))
    assert as_dict(west.buckets) == buckets(foreign="1000.00", concentration="200.00")
    assert_debtor(west, "W1", invoices=1, gross="1000.00", eligible="0.00", foreign="1000.00")
    assert_debtor(west, "W2", invoices=1, gross="300.00", eligible="100.00", concentration="200.00")
    assert_debtor(west, "W3", invoices=1, gross="100.00", eligible="100.00")
    for result in found.values():
        assert_adds_up(result)


def test_rules_switched_off_and_reordered(tmp_path: Path, engine: Engine) -> None:
    """No past-due rule, no cross-age, no foreign, no contra, no concentration; the flags are
    only consignment then disputed (in that order)."""
    fresh, due = "2024-06-01", "2024-07-01"
    aging = write_csv(
        tmp_path / "aging.csv",
        (*AGING_COLUMNS, "country", "disputed", "consignment", "bill_and_hold"),
        [
            # E1: 91 days from the invoice: aged 200; 90 days and 89 past due: not aged (the
            # past-due rule is off). 200 of 300 aged, but no cross-age: eligible 100.00
            ("e1-1", "E1", "2024-03-31", "2024-04-30", "200.00", "", "", "", ""),
            ("e1-2", "E1", "2024-04-01", "2024-04-02", "100.00", "", "", "", ""),
            # E2: CA, but the foreign rule is off: eligible 300.00
            ("e2-1", "E2", fresh, due, "300.00", "CA", "", "", ""),
            # E3: disputed and consignment -> consignment (first in this sheet) 40; disputed
            # 10; bill_and_hold is not a flag of this sheet: clean 25. A credit of 30 takes the
            # clean 25, then 5 of consignment (the sheet's first flag): consignment 35,
            # disputed 10, eligible 0. Owed 1000.00, but contra is off.
            ("e3-1", "E3", fresh, due, "40.00", "", "true", "true", ""),
            ("e3-2", "E3", fresh, due, "10.00", "", "true", "", ""),
            ("e3-3", "E3", fresh, due, "25.00", "", "", "", "true"),
            ("e3-4", "E3", fresh, due, "-30.00", "", "", "", ""),
        ],
    )
    payables = write_csv(tmp_path / "payables.csv", PAYABLE_COLUMNS, [("E3", "1000.00")])
    off = rules(
        max_days_past_due=None,
        cross_age_percent=None,
        foreign=False,
        flags=["consignment", "disputed"],
        contra=False,
        concentration_percent=None,
    )
    result = receivables_results(aging, payables, off, AS_OF, engine, with_debtors=True)[""]
    # gross 300 + 300 + 75 = 675; 30 + 200 + 35 + 10 = 275 = 675 - 400
    assert (result.rows, result.gross, result.eligible) == (7, Decimal("675.00"), Decimal("400.00"))
    assert as_dict(result.buckets) == buckets(
        credit_balances="30.00", aged="200.00", consignment="35.00", disputed="10.00"
    )
    assert_debtor(result, "E1", invoices=2, gross="300.00", eligible="100.00", aged="200.00")
    assert_debtor(result, "E2", invoices=1, gross="300.00", eligible="300.00")
    assert_debtor(
        result,
        "E3",
        invoices=4,
        gross="75.00",
        eligible="0.00",
        credit_balances="30.00",
        consignment="35.00",
        disputed="10.00",
    )
    assert_adds_up(result)


def test_typed_parquet_aging(tmp_path: Path, engine: Engine) -> None:
    """A Parquet aging with typed columns (dates, decimal balances, booleans) gives the same
    waterfall as a CSV."""
    aging = tmp_path / "aging.parquet"
    invoices = ["p1", "p2", "p3", "p4", "p5"]
    table = pa.table(
        {
            "borrower_id": pa.array(["b", "b", "b", "b", "b"]),
            "invoice_id": pa.array(invoices),
            "debtor_id": pa.array(["P", "P", "Q", "Q", "R"]),
            "invoice_date": pa.array(
                [date(2024, 1, 1) if i == "p2" else date(2024, 6, 1) for i in invoices],
                pa.date32(),
            ),
            "due_date": pa.array([date(2024, 7, 1)] * 5, pa.date32()),
            "open_balance": pa.array(
                [Decimal(x) for x in ("100.50", "20.00", "80.00", "-5.25", "200.00")],
                pa.decimal128(12, 2),
            ),
            "disputed": pa.array([False, True, True, None, False], pa.bool_()),
        }
    )
    pq.write_table(table, aging)
    result = receivables_results(
        aging, None, rules(concentration_percent=None), AS_OF, engine, with_debtors=True
    )["b"]
    # P: clean 100.50, aged (and disputed) 20.00: aged 20 of 120.50, not cross-aged.
    # Q: disputed 80.00, a credit of 5.25 (no clean dollars: it comes off disputed): 74.75.
    # R: clean 200.00. Gross 120.50 + 80 + 200 = 400.50; eligible 100.50 + 200 = 300.50
    assert (result.rows, result.gross, result.eligible) == (5, Decimal("400.50"), Decimal("300.50"))
    assert result.aging_total == Decimal("395.25")
    assert as_dict(result.buckets) == buckets(
        credit_balances="5.25", aged="20.00", disputed="74.75"
    )
    assert_debtor(result, "P", invoices=2, gross="120.50", eligible="100.50", aged="20.00")
    assert_debtor(
        result,
        "Q",
        invoices=2,
        gross="80.00",
        eligible="0.00",
        credit_balances="5.25",
        disputed="74.75",
    )
    assert_adds_up(result)


def test_the_rules_here_are_the_sheets() -> None:
    """The hand-worked figures use the SouthTrust sheet's own eligibility terms."""
    sheet = southtrust()
    assert sheet.eligibility is not None
    from_sheet, here = sheet.eligibility.receivables, rules()
    for name in SOUTHTRUST_RECEIVABLES:
        mine, theirs = getattr(here, name), getattr(from_sheet, name)
        assert mine is not None and theirs is not None, name
        assert mine.value == theirs.value, name

"""One collateral engine pass for every borrower of a book with invoice detail on a date: the
borrowers' agings as one table with a borrower column, each borrower's own figures (aged days,
cross-aging and concentration percentages) as parameters, and each borrower's results the
same, to the cent, as its own run's."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import pactum.collateral.detail_facts as detail_facts
import pactum.collateral.eligible as eligible
from bad_input_support import run
from collateral_support import AGING_COLUMNS, AS_OF, as_dict, buckets, rules, write_csv
from pactum.collateral import engines
from pactum.collateral.engines import open_tables
from pactum.collateral.receivables import OwnAging, receivables_on, receivables_together
from pactum.collateral.rules import ReceivableRules, rule_shape
from pactum.evaluate import check_book
from pactum.portfolio import load_book

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"
DETAIL_DATE = date(2003, 11, 30)  # the example's detail files

# as of 2024-06-30: 30, 90, 15 and 121 days after the invoice dates
INVOICES = [
    ("inv1", "d1", "2024-05-31", "2024-06-30", "1000.00"),
    ("inv2", "d1", "2024-04-01", "2024-05-01", "400.00"),
    ("inv3", "d2", "2024-06-15", "2024-07-15", "600.00"),
    ("inv4", "d3", "2024-03-01", "2024-03-31", "100.00"),
]


def _rules(days: int, cross: str, concentration: str) -> ReceivableRules:
    return rules(
        max_days_from_invoice=days,
        max_days_past_due=None,
        cross_age_percent=cross,
        concentration_percent=concentration,
    )


def _members(tmp_path: Path) -> list[OwnAging]:
    # A names itself in a borrower_id column; C owes debtor d2 50.00 (contra)
    a = write_csv(
        tmp_path / "a.csv", (*AGING_COLUMNS, "borrower_id"), [(*i, "acme") for i in INVOICES]
    )
    b = write_csv(tmp_path / "b.csv", AGING_COLUMNS, INVOICES)
    c = write_csv(tmp_path / "c.csv", AGING_COLUMNS, INVOICES)
    c_owes = write_csv(
        tmp_path / "c-payables.csv", ("debtor_id", "payable_balance"), [("d2", "50.00")]
    )
    return [
        OwnAging(a, None, _rules(90, "0.50", "0.50")),
        OwnAging(b, None, _rules(60, "0.25", "0.40")),
        OwnAging(c, c_owes, _rules(30, "0.50", "0.30")),
    ]


def test_one_pass_gives_each_borrower_its_own_run(tmp_path: Path) -> None:
    members = _members(tmp_path)
    with open_tables("duckdb") as tables:
        together = receivables_together(tables, members, AS_OF, with_debtors=True)
    alone = []
    for member in members:
        with open_tables("duckdb") as tables:
            found = receivables_on(
                tables, member.aging, member.payables, member.rules, AS_OF, with_debtors=True
            ).results
        assert len(found) == 1
        alone.append(next(iter(found.values())))
    assert together == alone
    a, b, c = together
    assert a is not None and b is not None and c is not None
    assert (a.borrower_id, b.borrower_id, c.borrower_id) == ("acme", "", "")
    # A (90 days, more than 50% aged, 50% concentration): inv2 is exactly 90 days old, not aged;
    # inv4 aged 100.00, d3 cross-aged with nothing left; remaining d1 1400 + d2 600 = 2000,
    # cap 1000.00: d1 gives 400.00
    assert as_dict(a.buckets) == buckets(aged="100.00", concentration="400.00")
    assert a.eligible == Decimal("1600.00")
    # B (60 days, 25%, 40%): inv2 and inv4 aged 500.00; d1 400/1400 = 28.6% aged > 25%:
    # cross-aged 1000.00; d2 600 alone remains, cap 40% of 600 = 240.00: 360.00 over
    assert as_dict(b.buckets) == buckets(
        aged="500.00", cross_aged="1000.00", concentration="360.00"
    )
    assert b.eligible == Decimal("240.00")
    # C (30 days, 50%, 30%): inv1 exactly 30 days old, not aged; aged 500.00; contra 50.00 of
    # d2; remaining d1 1000 + d2 550 = 1550, cap 465.00: d1 535.00 + d2 85.00 over
    assert as_dict(c.buckets) == buckets(aged="500.00", contra="50.00", concentration="620.00")
    assert c.eligible == Decimal("930.00")


def test_one_plan_serves_every_borrower(tmp_path: Path) -> None:
    """The pass's plans are kept by the rules' shape: other figures compile nothing new."""
    members = _members(tmp_path)
    with open_tables("duckdb") as tables:
        first = receivables_together(tables, members[:2], AS_OF)
    planned = set(engines._PLANNED)
    other = [replace(m, rules=_rules(45, "0.75", "0.20")) for m in members[:2]]
    with open_tables("duckdb") as tables:
        second = receivables_together(tables, other, AS_OF)
    assert set(engines._PLANNED) == planned
    assert first != second  # the figures did change the results


def test_rule_shape_leaves_out_figures_and_citations() -> None:
    assert rule_shape(_rules(90, "0.50", "0.25")) == rule_shape(_rules(30, "0.10", "0.40"))
    cited = _rules(90, "0.50", "0.25").model_copy(update={"contra": rules().contra})
    assert rule_shape(cited) == rule_shape(_rules(90, "0.50", "0.25"))
    # a rule one has and another lacks: another plan
    assert rule_shape(_rules(90, "0.50", "0.25")) != rule_shape(
        rules(max_days_from_invoice=90, max_days_past_due=None, cross_age_percent=None)
    )
    assert rule_shape(rules(flags=["disputed"])) != rule_shape(rules())


def test_rules_of_another_shape_are_refused(tmp_path: Path) -> None:
    members = _members(tmp_path)
    other = replace(members[1], rules=rules(cross_age_percent=None))
    with open_tables("duckdb") as tables, pytest.raises(ValueError, match="shape"):
        receivables_together(tables, [members[0], other], AS_OF)


def _book(root: Path, figures: list[tuple[str, str]]) -> Path:
    """A book of borrowers b0, b1... each with the example's revolver (its advance rate and
    concentration percentage as given), documents and facts, detail included."""
    revolver = (EXAMPLE / "agreements" / "southtrust-abl.yaml").read_text(encoding="utf-8")
    rate = '        value: 0.85\n        cite: "limited to 85% of eligible accounts receivable"\n'
    concentration = "        concentration_percent:\n          value: 0.25\n"
    assert revolver.count(rate) == 1 and revolver.count(concentration) == 1
    for i, (advance, percent) in enumerate(figures):
        folder = root / "borrowers" / f"b{i}"
        shutil.copytree(EXAMPLE / "documents", folder / "documents")
        shutil.copytree(EXAMPLE / "facts", folder / "facts", ignore=shutil.ignore_patterns("votes"))
        events = folder / "facts" / "events.yaml"
        events.write_text("[]\n", encoding="utf-8")
        (folder / "agreements").mkdir()
        (folder / "agreements" / "southtrust-abl.yaml").write_text(
            revolver.replace(
                rate, f"        value: {advance}\n        assumed: a test's rate\n"
            ).replace(
                concentration, f"        concentration_percent:\n          value: {percent}\n"
            ),
            encoding="utf-8",
        )
    borrowers = "".join(f"  - {{id: b{i}, name: Borrower {i}}}\n" for i in range(len(figures)))
    (root / "portfolio.yaml").write_text(
        f"book: Test book\ncalendar: {{country: US, subdiv: GA}}\nborrowers:\n{borrowers}",
        encoding="utf-8",
    )
    return root


def _runs(root: Path) -> dict[str, list[detail_facts.DetailRun]]:
    book = load_book(root)
    check_book(book, DETAIL_DATE)
    found: dict[str, list[detail_facts.DetailRun]] = {}
    for borrower in book.borrowers:
        detail = borrower.portfolio.facts.of_type("revolver")
        assert borrower.id is not None
        found[borrower.id] = list(detail.runs.values())
    return found


def test_a_book_runs_the_engine_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three borrowers of different advance rates and concentration limits: one pass, each
    borrower's run equal to its own; a fourth with other rules (no cross-aging) its own."""
    root = _book(tmp_path / "book", [("0.85", "0.25"), ("0.80", "0.10"), ("0.75", "0.40")])
    alone_root = _book(tmp_path / "alone", [("0.85", "0.25"), ("0.80", "0.10"), ("0.75", "0.40")])
    passes: list[int] = []
    together = receivables_together

    def counted(tables: object, members: list[OwnAging], *args: object, **kw: object) -> object:
        passes.append(len(members))
        return together(tables, members, *args, **kw)  # type: ignore[arg-type]

    own_runs: list[date] = []
    engine_run = detail_facts._engine_run

    def own(terms: object, detail: detail_facts.DetailFiles, when: date) -> object:
        own_runs.append(when)
        return engine_run(terms, detail, when)  # type: ignore[arg-type]

    monkeypatch.setattr(eligible, "receivables_together", counted)
    monkeypatch.setattr(detail_facts, "_engine_run", own)
    in_one_pass = _runs(root)
    assert passes == [3] and own_runs == []

    monkeypatch.setattr(detail_facts, "run_together", lambda members, when: None)
    import pactum.kinds.revolver.calendar_obligations as calendar_obligations

    monkeypatch.setattr(calendar_obligations, "run_together", lambda members, when: None)
    each_alone = _runs(alone_root)
    assert own_runs == [DETAIL_DATE] * 3
    assert in_one_pass.keys() == each_alone.keys()
    for borrower, runs in in_one_pass.items():
        assert [(r.receivables, r.inventory) for r in runs] == [
            (r.receivables, r.inventory) for r in each_alone[borrower]
        ], borrower
        assert [r.facts.series for r in runs] == [r.facts.series for r in each_alone[borrower]], (
            borrower
        )
    eligible_by_borrower = {b: runs[0].receivables.eligible for b, runs in in_one_pass.items()}  # type: ignore[union-attr]
    # a lower concentration limit leaves less eligible; the advance rate is not the engine's
    assert eligible_by_borrower["b1"] < eligible_by_borrower["b0"] <= eligible_by_borrower["b2"]


def test_collateral_over_a_book_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pactum collateral BOOK`: the same certificates, to the cent, as each borrower's alone."""
    root = _book(tmp_path / "book", [("0.85", "0.25"), ("0.80", "0.10"), ("0.75", "0.40")])
    passes: list[int] = []
    together = receivables_together

    def counted(tables: object, members: list[OwnAging], *args: object, **kw: object) -> object:
        passes.append(len(members))
        return together(tables, members, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(eligible, "receivables_together", counted)
    book = json.loads(run("collateral", str(root), "--as-of", "2003-11-30", "--json").stdout)
    assert passes == [3]
    for certificate in book["certificates"]:
        alone = run(
            "collateral", str(root), "--as-of", "2003-11-30", "--json", "--borrower",
            certificate["borrower"],
        )  # fmt: skip
        assert alone.exit_code == 0, alone.output
        own = {key: value for key, value in certificate.items() if key != "borrower"}
        assert json.loads(alone.stdout) == own
    assert passes == [3]  # a book of one borrower runs it alone

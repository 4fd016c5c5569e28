"""`pactum collateral --ledger FILE`: each invoice's dollars under the reason that took them.

The aging is tests/test_collateral_cli.py's (its docstring works the certificate out by hand).
Per invoice, by hand (within a debtor and class the oldest dollars go first; the reasons take
them in waterfall order, the eligible remainder last):

    alpha a1  400.00: credit_balances 100.00 (A1's credit), concentration 87.50 (300 left
              above the cap of 25% x 850 = 212.50), eligible 212.50
          a1-cm -100.00: credit -100.00
          a2  300.00: contra 50.00, concentration 37.50 (250 - 212.50), eligible 212.50
          a3  300.00: concentration 87.50, eligible 212.50
          a4  200.00: aged 200.00 (dated 2024-01-02, more than 90 days before 2024-06-30)
    beta  b1  100.00: credit_balances 100.00 (its credit is 150.00: 50.00 unapplied)
          b1-cm -150.00: credit -150.00
          b2..b5 100.00 each: eligible 100.00
    gamma g1   50.00: foreign 50.00 (country CA)

Sums: alpha gross 1200.00, credit_balances 100, aged 200, contra 50, concentration 212.50,
eligible 637.50; beta gross 500.00, credit_balances 100, eligible 400.00, unapplied 50.00;
gamma gross 50.00, foreign 50.00: the certificate's lines.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bad_input_support import EXAMPLE, one_error, run
from test_book import folder_book
from test_collateral_cli import collateral, files, full_args

HAND: dict[tuple[str, str], dict[str, str]] = {
    ("alpha", "a1"): {"credit_balances": "100.00", "concentration": "87.50", "eligible": "212.50"},
    ("alpha", "a1-cm"): {"credit": "-100.00"},
    ("alpha", "a2"): {"contra": "50.00", "concentration": "37.50", "eligible": "212.50"},
    ("alpha", "a3"): {"concentration": "87.50", "eligible": "212.50"},
    ("alpha", "a4"): {"aged": "200.00"},
    ("beta", "b1"): {"credit_balances": "100.00"},
    ("beta", "b1-cm"): {"credit": "-150.00"},
    **{("beta", f"b{i}"): {"eligible": "100.00"} for i in range(2, 6)},
    ("gamma", "g1"): {"foreign": "50.00"},
}


def ledger_rows(path: Path) -> list[dict[str, Any]]:
    cursor = duckdb.connect().execute(f"SELECT * FROM read_parquet('{path}')")
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def by_invoice(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, str]]:
    found: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        found.setdefault((row["borrower_id"], row["invoice_id"]), {})[row["reason"]] = str(
            row["amount"]
        )
    return found


def run_with_ledger(tmp_path: Path, *extra: str) -> tuple[dict[str, Any], Path]:
    paths = files(tmp_path)
    ledger = tmp_path / "out" / "ledger.parquet"
    result = collateral(*full_args(paths, "--ledger", str(ledger), "--json", *extra))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), ledger


def assert_ledger_is_the_certificate(document: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Each certificate line is the sum of the ledger's rows for it, to the cent."""
    for certificate in document["borrowers"]:
        own = [r for r in rows if r["borrower_id"] == certificate["borrower_id"]]
        receivables = certificate["receivables"]

        def total(reason: str, own: list[dict[str, Any]] = own) -> Decimal:
            return sum((r["amount"] for r in own if r["reason"] == reason), Decimal("0.00"))

        for line in receivables["ineligible"]:
            assert str(total(line["reason"])) == line["amount"], line
        assert str(total("eligible")) == receivables["eligible"]
        debits = sum((r["amount"] for r in own if r["reason"] != "credit"), Decimal("0.00"))
        assert str(debits) == receivables["gross"]


def test_the_ledger_gives_each_invoices_dollars_their_reasons(tmp_path: Path) -> None:
    document, ledger = run_with_ledger(tmp_path)
    rows = ledger_rows(ledger)
    assert by_invoice(rows) == HAND
    assert_ledger_is_the_certificate(document, rows)
    # every invoice's rows add up to its balance; money is Decimal with two places
    for row in rows:
        assert isinstance(row["amount"], Decimal) and row["amount"].as_tuple().exponent == -2
    for (borrower, invoice), reasons in HAND.items():
        balance = {
            r["balance"] for r in rows if (r["borrower_id"], r["invoice_id"]) == (borrower, invoice)
        }
        assert balance == {sum((Decimal(a) for a in reasons.values()), Decimal("0.00"))}


def test_a_partly_ineligible_invoice(tmp_path: Path) -> None:
    """a1: 400.00, of which A1's credit takes 100.00 and concentration 87.50 (the debtor's 300
    remaining above the cap of 212.50); 212.50 is eligible, on each of its rows too."""
    _, ledger = run_with_ledger(tmp_path)
    a1 = [r for r in ledger_rows(ledger) if r["invoice_id"] == "a1"]
    assert [(r["reason"], str(r["amount"])) for r in a1] == [
        ("credit_balances", "100.00"),
        ("concentration", "87.50"),
        ("eligible", "212.50"),
    ]
    assert {(str(r["balance"]), str(r["eligible"]), r["debtor_id"]) for r in a1} == {
        ("400.00", "212.50", "A1")
    }
    assert "25% of the borrower's eligible accounts" in a1[1]["parameters"]
    [a4] = [r for r in ledger_rows(ledger) if r["invoice_id"] == "a4"]
    assert "more than 90 days from the invoice date" in a4["parameters"]


def test_the_ledger_of_a_zero_invoice_and_of_an_empty_aging(tmp_path: Path) -> None:
    """An invoice of 0.00 has one eligible row of 0.00; an empty aging an empty ledger."""
    paths = files(tmp_path)
    text = paths["aging"].read_text(encoding="utf-8")
    paths["aging"].write_text(text + "gamma,g0,G1,2024-06-01,2024-07-01,0.00,US\n")
    ledger = tmp_path / "ledger.parquet"
    result = collateral(*full_args(paths, "--ledger", str(ledger)))
    assert result.exit_code == 0, result.output
    assert by_invoice(ledger_rows(ledger))[("gamma", "g0")] == {"eligible": "0.00"}
    header = text.splitlines()[0]
    paths["aging"].write_text(header + "\n")
    result = collateral("--receivables", str(paths["aging"]), "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert ledger_rows(ledger) == []


def test_without_ledger_no_file(tmp_path: Path) -> None:
    paths = files(tmp_path)
    result = collateral(*full_args(paths))
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("*.parquet"))


def test_a_ledger_that_cannot_be_written(tmp_path: Path) -> None:
    paths = files(tmp_path)
    (tmp_path / "taken").write_text("a file, not a folder")
    result = collateral(*full_args(paths, "--ledger", str(tmp_path / "taken" / "l.parquet")))
    assert result.exit_code == 2
    assert "--ledger" in one_error(result)


def test_a_line_that_is_not_the_ledgers_sum_is_an_internal_error(tmp_path: Path) -> None:
    """The certificate's lines against a written ledger: alpha's concentration off by a cent
    is named, with both figures."""
    from pactum.collateral.engines import open_tables
    from pactum.collateral.ledger import LedgerMismatch, check_ledger
    from pactum.collateral.results import Bucket, ReceivablesResult

    document, written = run_with_ledger(tmp_path)

    def result(certificate: dict[str, Any], off: str | None) -> ReceivablesResult:
        r = certificate["receivables"]
        buckets = tuple(
            Bucket(
                b["reason"], Decimal(off if off and b["reason"] == "concentration" else b["amount"])
            )
            for b in r["ineligible"]
        )
        return ReceivablesResult(
            certificate["borrower_id"], r["rows"], Decimal(r["gross"]), buckets,
            Decimal(r["eligible"]), Decimal(r["unapplied_credits"]), Decimal(r["aging_total"]),
        )  # fmt: skip

    certificates = {c["borrower_id"]: c for c in document["borrowers"]}
    exact = {b: result(c, None) for b, c in certificates.items()}
    with open_tables("duckdb") as tables:
        check_ledger(tables, written, exact, written)  # the run's own figures pass
        with pytest.raises(LedgerMismatch) as raised:
            check_ledger(
                tables,
                written,
                {**exact, "alpha": result(certificates["alpha"], "212.49")},
                written,
            )
    assert str(raised.value) == (
        f"{written}: borrower 'alpha': line concentration: certificate 212.49 but the ledger "
        "sums to 212.50"
    )


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_the_ledger_sums_to_the_certificate_on_each_engine(tmp_path: Path, engine: str) -> None:
    document, ledger = run_with_ledger(tmp_path, "--engine", engine)
    assert document["engine"] == engine
    rows = ledger_rows(ledger)
    assert by_invoice(rows) == HAND
    assert_ledger_is_the_certificate(document, rows)


def test_spark_for_the_book_gives_the_same_cents(tmp_path: Path) -> None:
    """The book of tests/test_book.py (acme and beta, each the example's 2003-11-30 detail;
    beta has no BellSouth consent): the same certificates and the same ledgers on both
    engines; acme's borrowing base is the example's $33,189,470.25."""
    book = folder_book(tmp_path)
    documents, ledgers = {}, {}
    for engine in ("duckdb", "spark"):
        ledger = tmp_path / engine / "ledger.parquet"
        result = run(
            "collateral", str(book), "--as-of", "2003-11-30", "--engine", engine,
            "--ledger", str(ledger), "--json",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        documents[engine] = json.loads(result.stdout)
        ledgers[engine] = {
            b: ledger_rows(ledger.with_name(f"{b}-ledger.parquet")) for b in ("acme", "beta")
        }
    duck, spark = documents["duckdb"]["certificates"], documents["spark"]["certificates"]
    assert [c["borrower"] for c in duck] == ["acme", "beta"]
    assert [c["borrowers"] for c in spark] == [c["borrowers"] for c in duck]
    assert duck[0]["borrowers"][0]["borrowing_base"] == "33189470.25"
    assert ledgers["spark"] == ledgers["duckdb"]
    for certificate in duck:
        assert_ledger_is_the_certificate(certificate, ledgers["duckdb"][certificate["borrower"]])


def test_spark_master_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from pactum.collateral import engines

    monkeypatch.delenv(engines.SPARK_MASTER, raising=False)
    assert engines.spark_master() == "local[*]" and engines.runs_locally()
    monkeypatch.setenv(engines.SPARK_MASTER, " spark://desk-cluster:7077 ")
    assert engines.spark_master() == "spark://desk-cluster:7077"
    assert not engines.runs_locally()


def test_on_a_cluster_the_rows_go_from_the_driver(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a master that is not local, executors cannot read the driver's scratch folder: the
    checked rows are sent from the driver, and the certificates and ledger are the same."""
    from pactum.collateral import engines

    for name in ("local", "shipped"):
        (tmp_path / name).mkdir()
    document, ledger = run_with_ledger(tmp_path / "local", "--engine", "spark")
    monkeypatch.setattr(engines, "runs_locally", lambda: False)
    shipped, shipped_ledger = run_with_ledger(tmp_path / "shipped", "--engine", "spark")
    assert shipped["borrowers"] == document["borrowers"]
    assert ledger_rows(shipped_ledger) == ledger_rows(ledger)


def test_the_example_ledger(tmp_path: Path) -> None:
    """The example's 2003-11-30 aging: the ledger sums to its certificate."""
    example = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, example)
    ledger = tmp_path / "ledger.parquet"
    result = run(
        "collateral", str(example), "--as-of", "2003-11-30", "--ledger", str(ledger), "--json"
    )
    assert result.exit_code == 0, result.output
    assert_ledger_is_the_certificate(json.loads(result.stdout), ledger_rows(ledger))


def test_a_refused_run_writes_no_ledger(tmp_path: Path) -> None:
    """The aging is good but the inventory is not: exit 2, one line naming the inventory's
    row, and no ledger (nor its temporary) is left, though the receivables ran first."""
    paths = files(tmp_path)
    inventory = paths["inventory"].read_text(encoding="utf-8")
    paths["inventory"].write_text(inventory.replace("1000.00", "lots"), encoding="utf-8")
    ledger = tmp_path / "out" / "ledger.parquet"
    result = collateral(*full_args(paths, "--ledger", str(ledger)))
    assert result.exit_code == 2
    line = one_error(result)
    assert "inventory.csv:row 2: cost: found 'lots'" in line
    assert not ledger.exists()
    assert not ledger.parent.exists() or not list(ledger.parent.iterdir())


def test_a_book_with_one_bad_borrower_writes_no_ledger(tmp_path: Path) -> None:
    """acme's run is good, beta's inventory is not: no borrower's ledger is written."""
    book = folder_book(tmp_path)
    stock = book / "borrowers" / "beta" / "facts" / "inventory" / "2003-11-30.csv"
    header, first, *rest = stock.read_text(encoding="utf-8").splitlines()
    stock.write_text("\n".join([header, first.rsplit(",", 1)[0] + ",lots", *rest]) + "\n")
    out_folder = tmp_path / "ledgers"
    result = run(
        "collateral", str(book), "--as-of", "2003-11-30",
        "--ledger", str(out_folder / "ledger.parquet"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "2003-11-30.csv:row 2" in one_error(result)
    assert not out_folder.exists() or not list(out_folder.iterdir())

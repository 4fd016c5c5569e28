"""`pactum collateral`: certificates as JSON, in the terminal and as files, one per borrower.

The files (as of 2024-06-30, SouthTrust terms), worked out by hand:

    alpha  A1 400.00 and a credit of 100.00: credit balances 100, remaining 300
           A2 300.00, alpha owes A2 50.00: contra 50, remaining 250
           A3 300.00
           A4 200.00 dated 2024-01-02: aged 200
           total remaining 300 + 250 + 300 = 850, cap 25% = 212.50: concentration
           87.50 + 37.50 + 87.50 = 212.50; eligible 3 x 212.50 = 637.50
           gross 1200.00 (aging total 1100.00); 100 + 200 + 50 + 212.50 = 562.50 = 1200 - 637.50
           receivables advance 637.50 x 85% = 541.875 -> 541.88
           inventory: general 1000.00, bellsouth 100.00 (in transit 10.00 ineligible):
           500.00 + 50.00 = 550.00; borrowing base 1091.88 = line cap;
           availability 1091.88 - 500.00 = 591.88
    beta   B1 100.00 and a credit of 150.00: credit balances 100, unapplied 50.00
           B2..B5 100.00 each: total 400, cap 100.00, none above: eligible 400.00
           advance 340.00 = borrowing base = line cap; availability 340 - 500 = -160.00
    gamma  G1 50.00 in CA: foreign 50.00, eligible 0; availability -500.00
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from collateral_support import (
    AGING_COLUMNS,
    INVENTORY_COLUMNS,
    PAYABLE_COLUMNS,
    SHEET,
    write_csv,
)
from pactum.cli import app
from pactum.collateral.rules import RECEIVABLE_REASONS

MONEY = re.compile(r"^-?[0-9]+\.[0-9]{2}$")
FRESH, DUE = "2024-06-01", "2024-07-01"


def collateral(*args: str) -> Result:
    return CliRunner().invoke(
        app, ["collateral", "--agreement", str(SHEET), "--as-of", "2024-06-30", *args]
    )


def files(folder: Path) -> dict[str, Path]:
    aging = write_csv(
        folder / "aging.csv",
        ("borrower_id", *AGING_COLUMNS, "country"),
        [
            ("alpha", "a1", "A1", FRESH, DUE, "400.00", ""),
            ("alpha", "a1-cm", "A1", FRESH, DUE, "-100.00", ""),
            ("alpha", "a2", "A2", FRESH, DUE, "300.00", ""),
            ("alpha", "a3", "A3", FRESH, DUE, "300.00", ""),
            ("alpha", "a4", "A4", "2024-01-02", "2024-02-01", "200.00", ""),
            ("beta", "b1", "B1", FRESH, DUE, "100.00", ""),
            ("beta", "b1-cm", "B1", FRESH, DUE, "-150.00", ""),
            *[("beta", f"b{i}", f"B{i}", FRESH, DUE, "100.00", "US") for i in range(2, 6)],
            ("gamma", "g1", "G1", FRESH, DUE, "50.00", "CA"),
        ],
    )
    payables = write_csv(
        folder / "payables.csv", ("borrower_id", *PAYABLE_COLUMNS), [("alpha", "A2", "50.00")]
    )
    inventory = write_csv(
        folder / "inventory.csv",
        ("borrower_id", *INVENTORY_COLUMNS),
        [
            ("alpha", "s1", "ATL", "general", "available", "1000.00"),
            ("alpha", "s2", "ATL", "bellsouth", "available", "100.00"),
            ("alpha", "s3", "ATL", "general", "in_transit", "10.00"),
        ],
    )
    loans = write_csv(
        folder / "loans.csv",
        ("borrower_id", "as_of", "revolver_outstanding", "letters_of_credit", "reserves"),
        [(who, "2024-06-30", "500.00", "0.00", "0.00") for who in ("alpha", "beta", "gamma")],
    )
    return {"aging": aging, "payables": payables, "inventory": inventory, "loans": loans}


def full_args(paths: dict[str, Path], *extra: str) -> list[str]:
    return [
        "--receivables",
        str(paths["aging"]),
        "--payables",
        str(paths["payables"]),
        "--inventory",
        str(paths["inventory"]),
        *extra,
    ]


def money_strings(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every figure of a certificate document: (where, value)."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        if set(node) == {"reason", "amount"}:
            return [(f"{path}.{node['reason']}", node["amount"])]
        for key, value in node.items():
            if key in ("traces", "warnings", "schema", "as_of", "engine", "agreement"):
                continue
            if key in ("borrower_id", "debtor_id", "debtor_name", "rows", "invoices"):
                continue
            found += money_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += money_strings(value, f"{path}[{index}]")
    elif node is not None:
        found.append((path, node))
    return found


def reasons(entries: list[dict[str, str]]) -> dict[str, str]:
    return {e["reason"]: e["amount"] for e in entries if e["amount"] != "0.00"}


def test_json_certificates(tmp_path: Path) -> None:
    paths = files(tmp_path)
    result = collateral(*full_args(paths, "--loans", str(paths["loans"]), "--json"))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "pactum.collateral/1"
    assert (document["as_of"], document["engine"]) == ("2024-06-30", "duckdb")
    assert document["agreement"] == "southtrust-abl"
    assert document["warnings"] == []
    figures = money_strings(document)
    assert len(figures) > 50
    for where, value in figures:
        assert isinstance(value, str) and MONEY.match(value), (where, value)

    alpha, beta, gamma = document["borrowers"]
    assert [alpha["borrower_id"], beta["borrower_id"], gamma["borrower_id"]] == [
        "alpha",
        "beta",
        "gamma",
    ]
    r = alpha["receivables"]
    assert (r["rows"], r["aging_total"], r["gross"]) == (5, "1100.00", "1200.00")
    assert reasons(r["ineligible"]) == {
        "credit_balances": "100.00",
        "aged": "200.00",
        "contra": "50.00",
        "concentration": "212.50",
    }
    assert [e["reason"] for e in r["ineligible"]] == list(RECEIVABLE_REASONS)
    assert (r["eligible"], r["advance"], r["unapplied_credits"]) == ("637.50", "541.88", "0.00")
    i = alpha["inventory"]
    assert (i["rows"], i["gross"], i["eligible"], i["advance"]) == (
        3,
        "1110.00",
        "1100.00",
        "550.00",
    )
    assert reasons(i["ineligible"]) == {"in_transit": "10.00"}
    assert i["eligible_by_class"] == [
        {"reason": "general", "amount": "1000.00"},
        {"reason": "bellsouth", "amount": "100.00"},
    ]
    assert (alpha["borrowing_base"], alpha["line_cap"], alpha["availability"]) == (
        "1091.88",
        "1091.88",
        "591.88",
    )
    a2 = next(d for d in alpha["debtors"] if d["debtor_id"] == "A2")
    assert (a2["gross"], a2["contra"], a2["concentration"], a2["eligible"]) == (
        "300.00",
        "50.00",
        "37.50",
        "212.50",
    )
    assert set(alpha["traces"]) == {
        "receivables_advance",
        "inventory_advance",
        "borrowing_base",
        "line_cap",
    }

    r = beta["receivables"]
    assert (r["gross"], r["eligible"], r["unapplied_credits"]) == ("500.00", "400.00", "50.00")
    assert reasons(r["ineligible"]) == {"credit_balances": "100.00"}
    assert beta["inventory"] is None
    assert (beta["borrowing_base"], beta["line_cap"], beta["availability"]) == (
        "340.00",
        "340.00",
        "-160.00",
    )
    assert reasons(gamma["receivables"]["ineligible"]) == {"foreign": "50.00"}
    assert (gamma["borrowing_base"], gamma["availability"]) == ("0.00", "-500.00")


def test_out_writes_certificates_and_debtors(tmp_path: Path) -> None:
    paths = files(tmp_path)
    out = tmp_path / "out"
    result = collateral(*full_args(paths, "--out", str(out), "--json"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["certificates.json", "debtors.csv"]
    written = json.loads((out / "certificates.json").read_text(encoding="utf-8"))
    assert written == json.loads(result.stdout)
    # no --loans: no availability
    assert all("availability" not in b for b in written["borrowers"])
    with (out / "debtors.csv").open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    header = list(rows[0])
    assert header == [
        "borrower_id",
        "debtor_id",
        "debtor_name",
        "invoices",
        "gross",
        *RECEIVABLE_REASONS,
        "eligible",
        "unapplied_credits",
    ]
    assert [(r["borrower_id"], r["debtor_id"]) for r in rows] == [
        ("alpha", "A1"),
        ("alpha", "A2"),
        ("alpha", "A3"),
        ("alpha", "A4"),
        ("beta", "B1"),
        ("beta", "B2"),
        ("beta", "B3"),
        ("beta", "B4"),
        ("beta", "B5"),
        ("gamma", "G1"),
    ]
    by_id = {r["debtor_id"]: r for r in rows}
    assert by_id["A1"]["invoices"] == "2"
    assert (by_id["A1"]["credit_balances"], by_id["A1"]["concentration"]) == ("100.00", "87.50")
    assert by_id["A1"]["eligible"] == "212.50"
    assert (by_id["A4"]["aged"], by_id["A4"]["eligible"]) == ("200.00", "0.00")
    assert (by_id["B1"]["credit_balances"], by_id["B1"]["unapplied_credits"]) == (
        "100.00",
        "50.00",
    )
    assert by_id["G1"]["foreign"] == "50.00"
    for row in rows:
        for name in header[4:]:
            assert MONEY.match(row[name]), (row["debtor_id"], name, row[name])
        ineligible = sum(Decimal(row[reason]) for reason in RECEIVABLE_REASONS)
        assert ineligible == Decimal(row["gross"]) - Decimal(row["eligible"])


def test_terminal_certificates(tmp_path: Path) -> None:
    paths = files(tmp_path)
    with_loans = collateral(*full_args(paths, "--loans", str(paths["loans"])))
    assert with_loans.exit_code == 0, with_loans.output
    text = " ".join(with_loans.stdout.split())  # a title may wrap
    for borrower in ("alpha", "beta", "gamma"):
        assert f"Borrowing base certificate, borrower {borrower}, as of 2024-06-30" in text
    assert text.count("Availability") == 3
    without = collateral(*full_args(paths))
    assert without.exit_code == 0, without.output
    assert "Borrowing base" in without.stdout
    assert "Availability" not in without.stdout


@pytest.mark.parametrize(
    "content", ["invoice_id,debtor_id,invoice_date,due_date,open_balance\n", ""]
)
def test_empty_aging_gives_zeros(tmp_path: Path, content: str) -> None:
    aging = tmp_path / "aging.csv"
    aging.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = collateral("--receivables", str(aging), "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and str(aging) in warnings[0], result.stderr
    assert "error" not in result.stderr
    document = json.loads(result.stdout)
    [certificate] = document["borrowers"]
    assert (certificate["borrowing_base"], certificate["line_cap"]) == ("0.00", "0.00")
    assert certificate["debtors"] == []
    receivables = certificate["receivables"]
    # a certificate of zeros: no receivables section, or one of zeros
    if receivables is not None:
        assert receivables["gross"] == receivables["eligible"] == "0.00"
    assert (out / "certificates.json").is_file()
    assert (out / "debtors.csv").read_text(encoding="utf-8").count("\n") == 1  # header only


def test_unknown_engine(tmp_path: Path) -> None:
    paths = files(tmp_path)
    out = tmp_path / "out"
    result = collateral(*full_args(paths, "--engine", "foo", "--out", str(out)))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "--engine" in errors[0] and "'foo'" in errors[0], result.stderr
    assert result.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize(
    ("missing", "expected"),
    [("pyspark", "PySpark is not installed"), ("java", "without a Java runtime")],
)
def test_spark_engine_without_what_it_needs_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str, expected: str
) -> None:
    """Spark is optional: without PySpark or Java, one line says what to install, and nothing
    is written."""
    import importlib.util
    import shutil

    from pactum.collateral import engines

    real_find_spec, real_which = importlib.util.find_spec, shutil.which
    if missing == "pyspark":
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: None if name == "pyspark" else real_find_spec(name, *a),
        )
    else:
        monkeypatch.setattr(
            shutil, "which", lambda name, *a: None if name == "java" else real_which(name, *a)
        )
    engines.spark_session.cache_clear()  # the check runs when a session is first made
    try:
        paths = files(tmp_path)
        out = tmp_path / "out"
        result = collateral(*full_args(paths, "--engine", "spark", "--out", str(out)))
    finally:
        engines.spark_session.cache_clear()
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and expected in errors[0] and "install" in errors[0], result.stderr
    assert not out.exists()


def test_spark_engine_gives_the_same_certificates(tmp_path: Path) -> None:
    paths = files(tmp_path)
    args = full_args(paths, "--loans", str(paths["loans"]), "--json")
    duck = collateral(*args)
    spark = collateral(*args, "--engine", "spark")
    assert duck.exit_code == 0, duck.output
    assert spark.exit_code == 0, spark.output
    from_duck, from_spark = json.loads(duck.stdout), json.loads(spark.stdout)
    assert (from_duck["engine"], from_spark["engine"]) == ("duckdb", "spark")
    assert from_spark["borrowers"] == from_duck["borrowers"]
    assert from_spark["borrowers"][0]["availability"] == "591.88"


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"


def test_portfolio_form_reads_the_consent_event_as_check_does() -> None:
    """`pactum collateral PORTFOLIO` reads the portfolio's events: BellSouth's consent
    (2003-05-15) puts its eligible inventory at 65%, not 50%. The difference from the sheet
    alone: 8,281,139.95 x (65% - 50%) = 1,242,170.9925 -> 1,242,170.99; inventory advance
    12,691,162.18 + 1,242,170.99 = 13,933,333.17; borrowing base 31,947,299.26 + 1,242,170.99
    = 33,189,470.25, the figure `check` gives."""
    from pactum.evaluate import check
    from pactum.portfolio import load_portfolio

    result = CliRunner().invoke(
        app, ["collateral", str(EXAMPLE), "--as-of", "2003-11-30", "--json"]
    )
    assert result.exit_code == 0, result.output
    [certificate] = json.loads(result.stdout)["borrowers"]
    assert certificate["inventory"]["advance"] == "13933333.17"
    assert certificate["borrowing_base"] == "33189470.25"
    assert certificate["warnings"] == []
    findings = check(load_portfolio(EXAMPLE), date(2003, 11, 30))
    checked = findings.agreement("southtrust-abl").value("borrowing_base").value
    assert checked == Decimal("33189470.25")
    # the sheet alone cannot know the consent: the rate before it, with a warning
    alone = CliRunner().invoke(
        app,
        [
            "collateral",
            "--agreement",
            str(EXAMPLE / "agreements" / "southtrust-abl.yaml"),
            "--as-of",
            "2003-11-30",
            "--receivables",
            str(EXAMPLE / "facts" / "receivables" / "2003-11-30.csv"),
            "--payables",
            str(EXAMPLE / "facts" / "payables" / "2003-11-30.csv"),
            "--inventory",
            str(EXAMPLE / "facts" / "inventory" / "2003-11-30.csv"),
            "--json",
        ],
    )
    [sheet_only] = json.loads(alone.stdout)["borrowers"]
    assert sheet_only["borrowing_base"] == "31947299.26"
    # the class by its title, not the condition's id in the sheet
    assert sheet_only["warnings"][0].startswith(
        "Eligible BellSouth inventory: whether its condition"
    )


def test_portfolio_form_without_an_aging_on_or_before_the_date() -> None:
    result = CliRunner().invoke(app, ["collateral", str(EXAMPLE), "--as-of", "2003-01-31"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "--receivables" in errors[0] and "2003-01-31" in errors[0]

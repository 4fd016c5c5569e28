"""The collateral benchmark (DESIGN.md §10): the receivables waterfall against its floor and
against a straightforward pandas script, with identical results required to the cent.

Run from the repository root:

    .venv/bin/python bench/collateral_bench.py --size 1M [--spark] [--repeat 3] [--data DIR]

With polars installed (pip install 'pactum[bench]'), an idiomatic Polars script of the same
rules (bench/collateral/polars_reference.py) is timed and checked to the cent too.

The portfolio is generated once per size and seed (bench/collateral/generate.py) and cached in
out/bench/. Every measured run is its own process: its time is the median over --repeat runs
and its peak memory is that process's maximum resident set (wait4's rusage, the per-child
form of getrusage(RUSAGE_CHILDREN)). Ratios matter, not absolute times: they are taken in one
run on one machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pactum.collateral.plan_store import PLAN_CACHE

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"k": 1_000, "M": 1_000_000}


@dataclass(frozen=True)
class Measure:
    seconds: float  # median
    peak_mb: float  # the largest of the runs
    figures: dict[str, Any]  # the last run's per-borrower figures, in cents
    phases: dict[str, float]  # the engine's phases (checks, rules), medians


Run = tuple[float, float, dict[str, Any], dict[str, float]]


def invoices(size: str) -> int:
    """1M -> 1,000,000; 250k -> 250,000."""
    suffix = size[-1]
    return int(float(size[:-1]) * SIZES[suffix]) if suffix in SIZES else int(size)


def ensure_data(count: int, seed: int, data: Path) -> dict[str, Any]:
    """Generate unless a finished portfolio of the same size and seed is already there."""
    manifest = data / "manifest.json"
    if manifest.exists():
        found: dict[str, Any] = json.loads(manifest.read_text())
        if (found["invoices"], found["seed"]) == (count, seed):
            return found
    command = [sys.executable, "-m", "bench.collateral.generate"]
    args = ["--invoices", str(count), "--seed", str(seed), "--out", str(data)]
    subprocess.run([*command, *args], cwd=ROOT, check=True)
    generated: dict[str, Any] = json.loads(manifest.read_text())
    return generated


def run_once(what: str, data: Path, result: Path, plans: Path) -> Run:
    """One child process: (seconds of work, peak resident MB, figures, phases). The engine
    compiles its plans (no store of compiled plans), except `engine_stored`, which reads them
    from `plans`, the store a warm-up run filled."""
    command = [sys.executable, "-m", "bench.collateral.measure", what, str(data)]
    env = {**os.environ, PLAN_CACHE: str(plans) if what == "engine_stored" else "off"}
    child = subprocess.Popen(
        [*command, "--result", str(result)], cwd=ROOT, stdout=subprocess.PIPE, env=env
    )
    assert child.stdout is not None
    out = child.stdout.read()
    # wait4 rather than child.wait(): it returns this child's own resource usage
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{what} failed (exit status {child.returncode})")
    printed = json.loads(out)
    figures = json.loads(result.read_text())
    return float(printed["seconds"]), usage.ru_maxrss / 1024, figures, printed["phases"]


def measure_all(whats: list[str], data: Path, repeat: int) -> dict[str, Measure]:
    """Each measure `repeat` times, interleaved round by round, so that a busy spell on a shared
    machine falls on all of them alike rather than on one."""
    runs: dict[str, list[Run]] = {what: [] for what in whats}
    with tempfile.TemporaryDirectory() as scratch:
        plans = Path(scratch) / "plans"
        if "engine_stored" in whats:  # untimed: it compiles the plans and stores them
            run_once("engine_stored", data, Path(scratch) / "warm-up.json", plans)
        for _ in range(repeat):
            for what in whats:
                runs[what].append(run_once(what, data, Path(scratch) / f"{what}.json", plans))
    return {
        what: Measure(
            seconds=statistics.median(r[0] for r in done),
            peak_mb=max(r[1] for r in done),
            figures=done[-1][2],
            phases={phase: statistics.median(r[3][phase] for r in done) for phase in done[-1][3]},
        )
        for what, done in runs.items()
    }


def phase(engine: Measure, name: str) -> Measure:
    """One phase of the engine's runs, as a measure of its own (its peak is the whole run's)."""
    return Measure(engine.phases[name], engine.peak_mb, {}, {})


def differences(left: dict[str, Any], right: dict[str, Any]) -> list[str]:
    """Every figure that differs, as 'borrower field: left vs right'."""
    found = [f"{b}: only in one" for b in sorted(set(left) ^ set(right))]
    for borrower in sorted(set(left) & set(right)):
        a, b = left[borrower], right[borrower]
        flat_a = {**{k: v for k, v in a.items() if k != "buckets"}, **a["buckets"]}
        flat_b = {**{k: v for k, v in b.items() if k != "buckets"}, **b["buckets"]}
        for field in list(flat_a) + [f for f in flat_b if f not in flat_a]:
            if flat_a.get(field) != flat_b.get(field):
                found.append(f"{borrower} {field}: {flat_a.get(field)} vs {flat_b.get(field)}")
    return found


def ratio(slow: Measure, fast: Measure, name: str, target: str) -> str:
    goal = f" (target {target})" if target else ""
    return f"{slow.seconds / fast.seconds:5.1f}x {name}{goal}"


def verdict(diffs: list[str], borrowers: int) -> str:
    if not diffs:
        return f"yes ({borrowers:,} borrowers, every bucket)"
    return f"NO: {len(diffs)} figures differ, e.g. {diffs[0]} (first vs second)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1M", help="invoices: 1M, 10M, 250k, ...")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spark", action="store_true", help="also run the waterfall on Spark")
    parser.add_argument("--data", type=Path, help="the portfolio's directory (default out/bench/)")
    args = parser.parse_args()
    count = invoices(args.size)
    data = args.data or ROOT / "out" / "bench" / f"collateral-{args.size}-seed{args.seed}"
    manifest = ensure_data(count, args.seed, data)

    with_polars = importlib.util.find_spec("polars") is not None
    if not with_polars:
        print("polars reference skipped: pip install 'pactum[bench]' (or 'polars>=1.20,<2')")
    whats = ["floor", "floor2", "engine", "engine_stored", "pandas"]
    whats += (["polars"] if with_polars else []) + (["spark"] if args.spark else [])
    measured = measure_all(whats, data, args.repeat)
    floor, floor2, engine = measured["floor"], measured["floor2"], measured["engine"]
    stored = measured["engine_stored"]
    stored_rules = phase(stored, "rules")
    pandas, polars, spark = measured["pandas"], measured.get("polars"), measured.get("spark")
    checks, rules = (phase(engine, name) for name in ("checks", "rules"))

    print(
        f"\nreceivables waterfall, {count:,} invoices, {manifest['borrowers']:,} borrowers "
        f"(seed {args.seed}), {os.cpu_count()} cores; median of {args.repeat} interleaved rounds, one process each"
    )
    rows = [
        ("duckdb floor (read its columns + sum)", floor, ""),
        ("  borrower and balance only", floor2, ratio(floor2, floor, "floor", "")),
        ("duckdb engine: checks + rules", engine, ratio(engine, floor, "floor", "≤ 3")),
        ("  the input checks", checks, ratio(checks, floor, "floor", "")),
        ("  the rules (the waterfall)", rules, ratio(rules, floor, "floor", "")),
        ("engine, plans read from the store", stored, ratio(stored, floor, "floor", "≤ 3")),
        ("  its rules", stored_rules, ratio(stored_rules, floor, "floor", "")),
        ("pandas reference (rules only)", pandas, ratio(pandas, engine, "engine", "")),
        ("  against the engine's rules", pandas, ratio(pandas, rules, "rules", "≥ 8")),
        ("  against them, plans stored", pandas, ratio(pandas, stored_rules, "rules", "≥ 8")),
    ]
    if polars is not None:
        rows += [
            ("polars reference (rules only, lazy)", polars, ratio(polars, engine, "engine", "")),
            ("  the engine's rules against it", rules, ratio(rules, polars, "polars", "< 1")),
            ("  pandas against it", pandas, ratio(pandas, polars, "polars", "")),
        ]
    if spark is not None:
        rows.append(("spark waterfall (local mode)", spark, ratio(spark, engine, "duckdb", "")))
    for label, m, note in rows:
        print(f"  {label:38} {m.seconds:8.2f} s  {m.peak_mb:6.0f} MB peak  {note}")
    borrowers = len(engine.figures)
    same = verdict(differences(engine.figures, pandas.figures), borrowers)
    print(f"  engine = pandas to the cent: {same}")
    same = verdict(differences(engine.figures, stored.figures), borrowers)
    print(f"  plans compiled = plans stored to the cent: {same}")
    if polars is not None:
        same = verdict(differences(engine.figures, polars.figures), borrowers)
        print(f"  engine = polars to the cent: {same}")
    if spark is not None:
        same = verdict(differences(spark.figures, engine.figures), borrowers)
        print(f"  spark = duckdb to the cent:  {same}")
        print("  (spark's peak is the Python driver's alone: the JVM is another process)")


if __name__ == "__main__":
    main()

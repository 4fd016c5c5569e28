"""How long `pactum check examples/innotrac` takes beyond interpreter start.

Run: .venv/bin/python bench/check_speed.py [--runs N]
Prints the median of N runs of a bare interpreter, of `import pactum.cli`, and of the full
check, all measured in one run on one machine (absolute times on shared machines are noise).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "innotrac"


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    python = sys.executable
    bare = median_seconds([python, "-c", "pass"], runs)
    imports = median_seconds([python, "-c", "import pactum.cli"], runs)
    check = median_seconds([python, "-m", "pactum", "check", str(EXAMPLE)], runs)
    print(f"runs: {runs} (medians)")
    print(f"interpreter start          {bare:.3f} s")
    print(f"import pactum.cli          {imports:.3f} s")
    print(f"pactum check (whole)       {check:.3f} s")
    print(f"check beyond interpreter   {check - bare:.3f} s")
    print(
        f"of which imports           {imports - bare:.3f} s ({(imports - bare) / (check - bare):.0%})"
    )


if __name__ == "__main__":
    main()

"""How long `pactum check examples/innotrac` takes beyond interpreter start.

Run: .venv/bin/python bench/check_speed.py [--runs N]
Prints the median of N runs of a bare interpreter, of `import pactum.cli`, and of the full
check, all measured in one run on one machine (absolute times on shared machines are noise).

The runs read cached bytecode, as an installed command does. A machine may set
PYTHONDONTWRITEBYTECODE (this one does), and then every run would compile pactum's modules
from source again; so the runs get a bytecode cache of their own in a temporary folder
(PYTHONPYCACHEPREFIX), without PYTHONDONTWRITEBYTECODE: pactum's package is compiled into it
first, then one untimed run of each command caches what else it imports (with a prefix set,
Python reads bytecode only from there).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "innotrac"
FIND_PACKAGE = (
    "import importlib.util as u; print(*u.find_spec('pactum').submodule_search_locations)"
)


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cached_bytecode(python: str, prefix: Path, commands: list[list[str]]) -> dict[str, str]:
    """The runs' environment, its bytecode cache in `prefix` filled: pactum compiled whole,
    and what each command imports besides cached by one untimed run of it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    package = subprocess.run(
        [python, "-c", FIND_PACKAGE], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", package], check=True, env=env)
    compiled = sum(1 for _ in prefix.rglob("*.pyc"))
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    was_set = "PYTHONDONTWRITEBYTECODE" in os.environ
    print(
        f"bytecode: compiled pactum ({package}, {compiled} modules) into {prefix} "
        "(PYTHONPYCACHEPREFIX), then one untimed run of each command cached the rest; "
        + (
            "PYTHONDONTWRITEBYTECODE, set here, removed from the runs' environment"
            if was_set
            else "PYTHONDONTWRITEBYTECODE not set"
        )
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    python = sys.executable
    bare_command = [python, "-c", "pass"]
    import_command = [python, "-c", "import pactum.cli"]
    check_command = [python, "-m", "pactum", "check", str(EXAMPLE)]
    with tempfile.TemporaryDirectory(prefix="pactum-bench-pycache-") as folder:
        env = cached_bytecode(python, Path(folder), [bare_command, import_command, check_command])
        bare = median_seconds(bare_command, runs, env)
        imports = median_seconds(import_command, runs, env)
        check = median_seconds(check_command, runs, env)
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

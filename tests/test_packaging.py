"""`pip install pactum` then `pactum demo` works: the wheel carries the Innotrac example
(setup.py copies it in), and `demo` finds it inside the installed package.

The wheel is built from a copy of the project (a build writes build/ and egg-info beside the
sources) without build isolation, with the venv's own setuptools, so nothing is downloaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def test_the_wheel_carries_the_example_and_demo_runs_from_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "examples" / "innotrac", project / "examples" / "innotrac")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(project),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("pactum-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    for name in (
        "portfolio.yaml",
        "agreements/southtrust-abl.yaml",
        "documents/southtrust-letter-2003-02-18.txt",
        "facts/events.yaml",
    ):
        assert f"pactum/examples/innotrac/{name}" in names
    # `demo` from the unpacked wheel, run elsewhere: it finds the example in the package
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "installed")}
    found = subprocess.run(
        [sys.executable, "-c", "from pactum.cli import EXAMPLE; print(EXAMPLE)"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(found) == tmp_path / "installed" / "pactum" / "examples" / "innotrac"
    out = tmp_path / "run" / "findings.json"
    subprocess.run(
        [sys.executable, "-m", "pactum", "demo", "--out", str(out)],
        check=True,
        capture_output=True,
        env=env,
        cwd=tmp_path,
    )
    assert json.loads(out.read_text(encoding="utf-8"))["company"] == "Innotrac Corporation"


def test_version() -> None:
    """`pactum --version` prints the version pyproject.toml gives."""
    import tomllib

    from typer.testing import CliRunner

    from pactum.cli import app

    stated = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"pactum {stated['project']['version']}"

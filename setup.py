"""The Innotrac example ships inside the wheel, so that `pip install pactum` then `pactum demo`
works: building copies examples/innotrac into the package as pactum/examples/innotrac.

Everything else is in pyproject.toml. An editable install reads the example from the source
tree instead (`pactum.cli._bundled_example`), so nothing is copied then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

EXAMPLE = Path(__file__).resolve().parent / "examples" / "innotrac"


class BuildWithExample(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "pactum" / "examples" / "innotrac"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(EXAMPLE, target)


setup(cmdclass={"build_py": BuildWithExample})

"""The downloads of recent certificate runs, kept on disk (not in memory) with a bound.

Each run's files are written to a folder of its own, named by an unguessable id, under one
temporary folder that belongs to the dashboard; when more than `kept` runs are there, the
oldest run's folder is removed. The whole folder is removed when the dashboard shuts down (or,
failing that, when the process exits).
"""

from __future__ import annotations

import secrets
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from pactum.web.downloads import Download


class Results:
    def __init__(self, kept: int) -> None:
        if kept < 1:
            raise ValueError(f"kept: found {kept}; expected at least 1 run")
        self.kept = kept
        self._folder = TemporaryDirectory(prefix="pactum-results-")
        self.root = Path(self._folder.name)
        self._runs: OrderedDict[str, dict[str, Download]] = OrderedDict()
        self._lock = threading.Lock()

    def store(self, write: Callable[[Path], dict[str, Download]]) -> str:
        """Write a run's files with `write(folder)` into a new run folder; return its id. A
        failed write leaves nothing behind."""
        run_id = secrets.token_urlsafe(12)
        folder = self.root / run_id
        folder.mkdir()
        try:
            files = write(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        with self._lock:
            self._runs[run_id] = files
            dropped = [
                self._runs.popitem(last=False)[0] for _ in range(len(self._runs) - self.kept)
            ]
        for old in dropped:
            shutil.rmtree(self.root / old, ignore_errors=True)
        return run_id

    def files(self, run_id: str) -> dict[str, Download] | None:
        with self._lock:
            return self._runs.get(run_id)

    def run_ids(self) -> list[str]:
        """The kept runs, oldest first."""
        with self._lock:
            return list(self._runs)

    def close(self) -> None:
        with self._lock:
            self._runs.clear()
        self._folder.cleanup()

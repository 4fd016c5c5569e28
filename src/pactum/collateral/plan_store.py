"""The compiled SQL of the engine's plans, kept on disk between runs.

A new process compiles each plan it runs (the rules as Ibis expressions, then SQL): for a
small aging that is most of the run, and every `pactum check`, `report` or `collateral` of a
portfolio with detail files is a new process. A plan's SQL follows from its key (the rules,
the date, the input views' schemas, the step: `Tables.planned`), from the collateral package's
code, which alone builds plans, and from the versions of the libraries that compile it; so it
is stored under a digest of all three, and a later run with the same key reads it instead of
compiling it again. What a run computes does not depend on whether its SQL was read or
compiled: the text is the same.

The store is `PACTUM_PLAN_CACHE` (empty or `off`: none), by default the user's cache folder
(`$XDG_CACHE_HOME`, else `~/.cache`) `/pactum/plans`. A store that cannot be read or written
is passed over: the plan is compiled, as without one. It keeps the KEPT_PLANS plans used
last. Each file is written whole, under a temporary name and then renamed (`files.atomic`), so
a reader never sees half of one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable
from contextlib import suppress
from datetime import date
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pactum.files.atomic import write_atomically

PLAN_CACHE = "PACTUM_PLAN_CACHE"
# the most plans the store keeps (a few kilobytes each)
KEPT_PLANS = 2000
# the libraries whose versions a compiled plan depends on
_COMPILED_BY = ("ibis-framework", "sqlglot", "duckdb")


def store_folder() -> Path | None:
    """Where compiled plans are kept: PACTUM_PLAN_CACHE, else the user's cache folder."""
    chosen = os.environ.get(PLAN_CACHE)
    if chosen is not None:
        chosen = chosen.strip()
        return None if chosen in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "pactum" / "plans"
    try:
        home = Path.home()
    except RuntimeError:  # no home folder known (no HOME, no account entry): no store
        return None
    return home / ".cache" / "pactum" / "plans"


@cache
def _code() -> str | None:
    """The digest of what a plan's SQL depends on beyond its key: the collateral package's
    modules and the compiling libraries' versions (None when they cannot all be read: then
    nothing is stored or read)."""
    digest = hashlib.sha256()
    try:
        for module in sorted(Path(__file__).parent.glob("*.py")):
            digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
        for library in _COMPILED_BY:
            digest.update(f"{library}={version(library)}\0".encode())
    except (OSError, PackageNotFoundError):
        return None
    return digest.hexdigest()


def _written(key: object) -> str | None:
    """The key as text that is the same in every process: tuples of text, numbers, truth
    values and dates only (None for anything else, which is then not stored)."""
    if isinstance(key, tuple):
        parts = [_written(part) for part in key]
        return None if None in parts else "(" + ",".join(p for p in parts if p is not None) + ")"
    if isinstance(key, bool | int | str | date) or key is None:
        return repr(key)
    return None


def _path(key: Hashable) -> Path | None:
    folder, written, code = store_folder(), _written(key), _code()
    if folder is None or written is None or code is None:
        return None
    name = hashlib.sha256(f"{code}\0{written}".encode()).hexdigest()
    return folder / f"{name}.sql"


def stored_sql(key: Hashable) -> str | None:
    """The SQL compiled for `key` by an earlier run, if the store has it."""
    path = _path(key)
    if path is None:
        return None
    try:
        found = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    with suppress(OSError):
        os.utime(path)  # used now: the last to be pruned
    return found


def store_sql(key: Hashable, sql: str) -> None:
    """Keep the SQL compiled for `key` for later runs (nothing when the store cannot be
    written: the next run compiles it again)."""
    path = _path(key)
    if path is None:
        return

    def write(temporary: Path) -> None:
        temporary.write_text(sql, encoding="utf-8")

    with suppress(OSError):
        write_atomically(path, write)
        _pruned(path.parent)


def _pruned(folder: Path) -> None:
    """The store kept to at most KEPT_PLANS plans: past it, the least recently used go, down
    to three quarters of it (a plan's key holds its date, so a desk running every day adds a
    few plans a day)."""
    plans = [entry for entry in os.scandir(folder) if entry.name.endswith(".sql")]
    if len(plans) <= KEPT_PLANS:
        return
    plans.sort(key=lambda entry: (entry.stat().st_mtime_ns, entry.name))
    for entry in plans[: len(plans) - KEPT_PLANS * 3 // 4]:
        with suppress(OSError):
            os.unlink(entry.path)

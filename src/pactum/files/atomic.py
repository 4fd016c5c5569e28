"""Writing output files whole or not at all: into a temporary file beside the target, then
renamed into place, so that a failure never leaves a half-written file."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` with a temporary path in the target's folder, then rename it to `path`."""
    _not_a_folder(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _normal_mode(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))


def _normal_mode(path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)  # mkstemp makes it private; give a normal mode


def write_files_atomically(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file into `folder` or none: each into a temporary file beside its target,
    renamed into place only once all are written. On failure the temporary files, and the
    folders this call created, are removed."""
    for name in files:  # before anything is written: a rename onto a folder would fail midway
        _not_a_folder(folder / name)
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    written: dict[Path, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            handle, made_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
            written[folder / name] = Path(made_name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            _normal_mode(Path(made_name))
        for target, temporary in written.items():
            os.replace(temporary, target)
    except BaseException:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
        for made in created:  # deepest first
            if made.is_dir() and not any(made.iterdir()):
                made.rmdir()
        raise
    return list(written)


def write_text_atomically(path: Path, text: str) -> None:
    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    write_atomically(path, write)

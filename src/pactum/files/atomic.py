"""Writing output files whole or not at all.

One file: written to a temporary file beside the target, then renamed into place. Several
files (a report, a certificate run): written to a temporary folder beside the target folder,
with the old folder's other entries carried over (hard links, or copies where a link cannot be
made), then moved into place in one rename: on Linux `renameat2(RENAME_EXCHANGE)` swaps the
two folders at once and the old one is then removed. Until that rename the target is as it
was; after it, it is wholly new.

The working folder (`--out .`) is the exception: its files are renamed into it one by one, as
a shell in it would be left in a removed folder by the swap.

A run killed before it can clean up leaves its temporary file or folder behind. Each is named
`.<target>.pactum-<pid>-<random>`; the next write to the same target removes those whose
process is no longer running.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

TEMPORARY_MARK = "pactum"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` with a temporary path in the target's folder, then rename it to `path`."""
    _not_a_folder(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path))
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _normal_mode(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def temporary_prefix(target: Path) -> str:
    """`.<name>.pactum-<pid>-`: whose it is, so that a later run can tell a stale one."""
    return f".{target.name}.{TEMPORARY_MARK}-{os.getpid()}-"


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files and folders beside `target` left by runs that were killed
    (their process is gone); returns what was removed."""
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    prefix = f".{target.name}.{TEMPORARY_MARK}-"
    for entry in target.parent.iterdir():
        if not entry.name.startswith(prefix):
            continue
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this run has none yet: any with its number is an older process's
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))


def _umasked(mode: int) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def _normal_mode(path: Path) -> None:
    os.chmod(path, _umasked(0o666))  # mkstemp makes it private; give a normal mode


def write_files_atomically(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file into `folder` or none: all of them into a temporary folder beside it,
    then that folder moved into place in one rename (`_move_into_place`). Entries of the old
    folder that are not rewritten are kept. On failure the temporary folder, and the parent
    folders this call created, are removed, and `folder` is as it was."""
    for name in files:  # before anything is written: a folder in the way would be lost
        _not_a_folder(folder / name)
    place = folder.resolve()  # a symbolic link is kept: the folder it names is replaced
    working = _working_folder()
    if working is not None and (place == working or place in working.parents):
        # the working folder (`--out .`) cannot be swapped from under the shell that is in it
        return _write_into(folder, files)
    created = [p for p in (place.parent, *place.parent.parents) if not p.exists()]
    staging: Path | None = None
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(place)
        staging = Path(tempfile.mkdtemp(dir=place.parent, prefix=temporary_prefix(place)))
        if place.is_dir():
            _carry_over(place, staging, files)
            os.chmod(staging, place.stat().st_mode & 0o7777)
        else:
            os.chmod(staging, _umasked(0o777))
        for name, content in files.items():
            (staging / name).write_bytes(content)
            _normal_mode(staging / name)
        old = _move_into_place(staging, place)
        staging = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)  # if killed here: removed by the next run
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        for made in created:  # deepest first
            if made.is_dir() and not any(made.iterdir()):
                made.rmdir()
        raise
    return [folder / name for name in files]


def _working_folder() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # removed from under this process
        return None


def _write_into(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """The working folder or one above it: each file into a temporary file beside it, all
    renamed into place once every one is written (a kill between two renames can leave a
    mix of old and new files there)."""
    written: dict[Path, Path] = {}
    try:
        for name, content in files.items():
            target = folder / name
            remove_stale_temporaries(target)
            handle, made = tempfile.mkstemp(dir=target.parent, prefix=temporary_prefix(target))
            written[target] = Path(made)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            _normal_mode(Path(made))
        for target, temporary in written.items():
            os.replace(temporary, target)
    except BaseException:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
        raise
    return list(written)


def _carry_over(old: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    """Link (or copy) into `staging` each entry of the old folder that `files` does not
    replace, except the per-file temporaries an older writer left beside those files."""
    replaced = {name.split("/", 1)[0] for name in files}
    leftovers = tuple(f".{name}." for name in replaced)
    for entry in old.iterdir():
        if entry.name in replaced or entry.name.startswith(leftovers):
            continue
        target = staging / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(target))


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)
    return target


def _move_into_place(staging: Path, place: Path) -> Path | None:
    """The one rename: `staging` becomes `place`. Returns where the old folder now is (to be
    removed), or None when there was none."""
    if not place.exists():
        os.rename(staging, place)
        return None
    if _exchange(staging, place):
        return staging  # the swap put the old folder at the temporary name
    # no atomic swap here (not Linux, or a file system without it): the old folder is moved
    # aside first; a kill between the two renames leaves it there, under a temporary name
    aside = Path(tempfile.mkdtemp(dir=place.parent, prefix=temporary_prefix(place)))
    os.rename(place, aside / place.name)
    os.rename(staging, place)
    return aside


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call (Linux renameat2 with RENAME_EXCHANGE); False when
    the system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD,
        os.fsencode(first),
        _AT_FDCWD,
        os.fsencode(second),
        ctypes.c_uint(_RENAME_EXCHANGE),
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def write_text_atomically(path: Path, text: str) -> None:
    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    write_atomically(path, write)


def write_several_atomically(folder: Path, write: Callable[[Path], T]) -> T:
    """Call `write` with a temporary folder beside `folder`'s files; once it returns, move each
    file it made into `folder` (each whole, by rename). When `write` fails, nothing is moved:
    a run refused half-way (one borrower of a book bad) leaves none of its files."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=temporary_prefix(folder / "staged")))
    try:
        result = write(staging)
        for made in sorted(staging.iterdir()):
            _not_a_folder(folder / made.name)
            os.replace(made, folder / made.name)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)

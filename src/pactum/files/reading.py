"""Reading a user's text file whole, as UTF-8, with every way it can fail as one problem.

A file that is missing, a folder, a symlink loop, too large, in UTF-16 or not text at all is
an InputError naming the file (and, for a byte that is not UTF-8, its line or row), never a
traceback.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from pactum.errors import InputError, fail

# byte-order marks of the encodings a spreadsheet or Windows editor may save in; UTF-32 is
# listed before UTF-16 because its little-endian mark begins with UTF-16's
_OTHER_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_bytes(path: Path, what: str, max_bytes: int) -> bytes:
    """The bytes of `path`, at most `max_bytes`; `what` names the file expected ("a CSV
    file") in the message when it cannot be read."""
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise fail(path, None, "file", "a folder", what) from None
    except OSError as exc:
        raise fail(path, None, "file", f"unreadable ({exc.strerror or exc})", what) from None
    if len(data) > max_bytes:
        raise fail(
            path, None, "file", f"more than {max_bytes:,} bytes", what + " of that size or less"
        )
    return data


def read_utf8(path: Path, what: str, max_bytes: int, unit: str = "line") -> str:
    """The text of `path` decoded as UTF-8 (a leading byte-order mark dropped). A byte that is
    not UTF-8 is named with its line (`unit` "row" for a CSV: rows are counted in lines)."""
    data = read_bytes(path, what, max_bytes)
    _refuse_other_encodings(path, data, unit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data, exc, unit) from None


def check_utf8_start(path: Path, head: bytes, unit: str = "line") -> None:
    """The problem `read_utf8` would give, found in the first bytes of a file that is not read
    whole (a detail file for DuckDB); a character cut at the end of `head` is not one."""
    _refuse_other_encodings(path, head, unit)
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, head, exc, unit) from None


def _refuse_other_encodings(path: Path, data: bytes, unit: str) -> None:
    for mark, encoding in _OTHER_ENCODINGS:
        if data.startswith(mark):
            raise fail(path, 1, "encoding", f"{encoding} text", "UTF-8 text", unit)


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError, unit: str) -> InputError:
    start = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)  # utf-8-sig drops it
    line = data.count(b"\n", 0, start) + 1
    found = f"byte 0x{data[start]:02x}, which is not UTF-8"
    return fail(path, line, "encoding", found, "UTF-8 text", unit)


def require_readable(path: Path, what: str) -> None:
    """Stop unless `path` is a file that can be opened for reading: one that is missing, a
    folder, or a symbolic link that loops or points nowhere is one problem naming it."""
    try:
        with path.open("rb"):
            pass
    except FileNotFoundError:
        raise fail(path, None, "file", "no such file", what) from None
    except IsADirectoryError:
        raise fail(path, None, "file", "a folder", what) from None
    except OSError as exc:
        raise fail(path, None, "file", f"unreadable ({exc.strerror or exc})", what) from None

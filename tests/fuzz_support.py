"""The mutations of the bad-input suite (tests/test_fuzz_inputs.py): each takes one input file
of a copy of the example and breaks it the way issue 18's systematic run did (encodings,
dates, numbers, structure, paths, aliases, truncation, deleted keys, swapped types).

A mutation is drawn with Hypothesis's `data` strategy so that a failing case shrinks and can be
replayed; it returns a short description of what it did, kept in the failure message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

DATE = re.compile(rb"\b\d{4}-\d{2}-\d{2}\b")
# a number that is not part of a date or a word: 85, 0.85, 32500000.00
NUMBER = re.compile(rb"(?<![\w.-])\d+(?:\.\d+)?(?![\w-])")
YAML_KEY = re.compile(rb"^(?P<indent>[ -]*)(?P<key>[\w.:-]+):(?P<value>.*)$")
PATH_TOKEN = re.compile(rb"[\w.-]*/[\w./*-]+|[\w-]+\.(?:txt|html?|csv|yaml|parquet)\b")

BAD_DATES = (
    b"2003-02-30",  # no such day
    b"2003-13-01",  # no such month
    b"0001-01-01",
    b"9999-12-31",
    b"2003-W09-5",  # an ISO week date
    b"2003-02-18 10:00:00",  # a date with a time
    b"2003-02-18T10:00:00Z",
    b"03/31/2003",
    b"20030231",
    b"",
    b"-2003-01-01",
)
BAD_NUMBERS = (
    b"1e400",
    b"-1e400",
    b"1" + b"0" * 40,  # a 41-digit number
    b"0." + b"0" * 40 + b"1",
    b"99999999999999999999999999999999.99",
    b"-85",
    b"1.5",
    b"0",
    b"-0",
    b"0x10",
    b"NaN",
    b"Infinity",
    b"1_000",
    b"1,000",
    b"",
    b"x",
)
OTHER_TYPES = (  # a list of one: each wrong item is a problem of its own
    b"[1]",
    b"{a: 1}",
    b"yes",
    b"null",
    b"~",
    b"''",
    b'"12"',
    b"2003-02-18",
    b"-1",
    b"[]",
    b"{}",
    b"!!binary aGVsbG8=",
    b"!!python/object:os.system echo",
    b"*undefined",
)
BAD_PATHS = (
    b"/nonexistent",
    b"..",
    b"../../../etc",
    b"/etc/hostname",
    b"facts/loans.csv",
    b"agreements",
    b"aging*.csv",
    b"",
    b"/dev/zero",
)
# each under one key, so that each is one problem (an unknown term at worst)
ALIASES = (
    b"recursive: &a [*a]\n",
    # a small alias bomb: 9^6 leaves if expanded
    b"bomb:\n  a: &a [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        bytes(f"  {c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n", "ascii")
        for p, c in zip("abcde", "bcdef", strict=True)
    ),
    b"merged:\n  <<: *nowhere\n",
    b"repeated: [&r 1, *r]\n",
)
KINDS = (
    "encoding",
    "dates",
    "numbers",
    "structure",
    "paths",
    "aliases",
    "truncation",
    "deleted_keys",
    "swapped_types",
)


def _replace_one(
    data: st.DataObject, text: bytes, pattern: re.Pattern[bytes], choices: tuple[bytes, ...]
) -> tuple[bytes, str] | None:
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = data.draw(st.sampled_from(matches), label="which")
    new = data.draw(st.sampled_from(choices), label="replacement")
    line = text.count(b"\n", 0, match.start()) + 1
    changed = text[: match.start()] + new + text[match.end() :]
    return changed, f"line {line}: {match.group().decode(errors='replace')!r} -> {new!r}"


def _lines(text: bytes) -> list[bytes]:
    return text.split(b"\n")


def encoding(data: st.DataObject, path: Path, text: bytes) -> str:
    how = data.draw(st.sampled_from(["latin-1", "utf-16", "bom", "binary", "nul"]), label="how")
    if how == "latin-1":
        lines = _lines(text)
        at = data.draw(st.integers(0, len(lines) - 1), label="line")
        lines[at] += " Café".encode("latin-1")
        path.write_bytes(b"\n".join(lines))
        return f"latin-1 byte on line {at + 1}"
    if how == "utf-16":
        path.write_bytes(text.decode("utf-8").encode("utf-16"))
        return "UTF-16"
    if how == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text)
        return "UTF-8 byte-order mark"
    at = data.draw(st.integers(0, len(text)), label="offset")
    inserted = (
        data.draw(st.binary(min_size=1, max_size=32), label="bytes") if how == "binary" else b"\0"
    )
    path.write_bytes(text[:at] + inserted + text[at:])
    return f"{inserted!r} at byte {at}"


def dates(data: st.DataObject, path: Path, text: bytes) -> str:
    done = _replace_one(data, text, DATE, BAD_DATES)
    if done is None:
        return structure(data, path, text)
    path.write_bytes(done[0])
    return done[1]


def numbers(data: st.DataObject, path: Path, text: bytes) -> str:
    done = _replace_one(data, text, NUMBER, BAD_NUMBERS)
    if done is None:
        return structure(data, path, text)
    path.write_bytes(done[0])
    return done[1]


def structure(data: st.DataObject, path: Path, text: bytes) -> str:
    lines = _lines(text)
    how = data.draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "indent", "noise", "empty", "blank", "extra_cell"]
        ),
        label="how",
    )
    at = data.draw(st.integers(0, len(lines) - 1), label="line")
    if how == "delete":
        del lines[at]
    elif how == "duplicate":
        lines.insert(at, lines[at])
    elif how == "swap":
        other = data.draw(st.integers(0, len(lines) - 1), label="other")
        lines[at], lines[other] = lines[other], lines[at]
    elif how == "indent":
        lines[at] = b"   " + lines[at]
    elif how == "noise":
        noise = data.draw(st.text(max_size=40), label="noise").encode("utf-8")
        lines.insert(at, noise)
    elif how == "empty":
        lines = [b""]
    elif how == "blank":
        lines.insert(at, b"   ")
    else:  # one more comma-separated cell (in YAML: a comma in a value)
        lines[at] += b",extra"
    path.write_bytes(b"\n".join(lines))
    return f"{how} at line {at + 1}"


def paths(data: st.DataObject, path: Path, text: bytes) -> str:
    how = data.draw(
        st.sampled_from(["in_text", "missing", "folder", "loop", "outside", "empty"]), label="how"
    )
    if how == "in_text":
        done = _replace_one(data, text, PATH_TOKEN, BAD_PATHS)
        if done is not None:
            path.write_bytes(done[0])
            return done[1]
        how = "missing"
    path.unlink()
    if how == "folder":
        path.mkdir()
    elif how == "loop":
        path.symlink_to(path.name)
    elif how == "outside":
        path.symlink_to("/etc/hostname")
    elif how == "empty":
        path.write_bytes(b"")
    return f"file {how}"


def aliases(data: st.DataObject, path: Path, text: bytes) -> str:
    alias = data.draw(st.sampled_from(ALIASES), label="alias")
    if path.suffix != ".yaml":
        return structure(data, path, text)
    if text.lstrip().startswith(b"-"):  # a list at the top (events.yaml): an item
        indented = b"".join(b"  " + line + b"\n" for line in alias.splitlines())
        path.write_bytes(text + b"\n- " + indented.lstrip())
    else:
        path.write_bytes(text + b"\n" + alias)
    return f"alias {alias[:30]!r}"


def truncation(data: st.DataObject, path: Path, text: bytes) -> str:
    at = data.draw(st.integers(0, max(0, len(text) - 1)), label="offset")
    path.write_bytes(text[:at])
    return f"cut at byte {at} of {len(text)}"


def deleted_keys(data: st.DataObject, path: Path, text: bytes) -> str:
    lines = _lines(text)
    if path.suffix == ".csv":
        header = lines[0].split(b",")
        column = data.draw(st.integers(0, len(header) - 1), label="column")
        cut = [
            b",".join(c for i, c in enumerate(line.split(b",")) if i != column) for line in lines
        ]
        path.write_bytes(b"\n".join(cut))
        return f"column {header[column]!r} deleted"
    keyed = [i for i, line in enumerate(lines) if YAML_KEY.match(line)]
    if not keyed:
        return structure(data, path, text)
    at = data.draw(st.sampled_from(keyed), label="key line")
    indent = len(lines[at]) - len(lines[at].lstrip(b" -"))
    end = at + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(b" ")) > indent
    ):
        end += 1
    removed = lines[at]
    if lines[at].lstrip().startswith(b"- "):  # keep the list item, drop its first key
        lines[at:end] = [lines[at][: lines[at].index(b"-") + 1]]
    else:
        del lines[at:end]
    path.write_bytes(b"\n".join(lines))
    return f"key deleted at line {at + 1}: {removed.decode(errors='replace')!r}"


def swapped_types(data: st.DataObject, path: Path, text: bytes) -> str:
    lines = _lines(text)
    new = data.draw(st.sampled_from(OTHER_TYPES), label="value")
    if path.suffix == ".csv":
        row = data.draw(st.integers(0, len(lines) - 1), label="row")
        cells = lines[row].split(b",")
        column = data.draw(st.integers(0, len(cells) - 1), label="column")
        cells[column] = new.replace(b",", b";")
        lines[row] = b",".join(cells)
        path.write_bytes(b"\n".join(lines))
        return f"row {row + 1} cell {column + 1} -> {new!r}"
    keyed = [
        i for i, line in enumerate(lines) if (m := YAML_KEY.match(line)) and m["value"].strip()
    ]
    if not keyed:
        return structure(data, path, text)
    at = data.draw(st.sampled_from(keyed), label="key line")
    match = YAML_KEY.match(lines[at])
    assert match is not None
    lines[at] = match["indent"] + match["key"] + b": " + new
    path.write_bytes(b"\n".join(lines))
    return f"line {at + 1}: {match['key']!r} -> {new!r}"


MUTATIONS: dict[str, Callable[[st.DataObject, Path, bytes], str]] = {
    "encoding": encoding,
    "dates": dates,
    "numbers": numbers,
    "structure": structure,
    "paths": paths,
    "aliases": aliases,
    "truncation": truncation,
    "deleted_keys": deleted_keys,
    "swapped_types": swapped_types,
}


def mutate(data: st.DataObject, path: Path) -> str:
    """Break `path` by one drawn mutation; returns what was done."""
    kind = data.draw(st.sampled_from(KINDS), label="mutation")
    text = path.read_bytes()
    return f"{kind}: {MUTATIONS[kind](data, path, text)}"


def temporaries(folder: Path) -> list[str]:
    """Temporary files or folders of an atomic write left anywhere under `folder`."""
    found = []
    for root, folders, files in os.walk(folder):
        found += [os.path.join(root, n) for n in [*folders, *files] if ".pactum-" in n]
    return found

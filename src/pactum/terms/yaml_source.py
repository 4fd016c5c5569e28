"""Safe YAML loading that keeps the line of every value.

Numbers load as Decimal (never float), dates as `datetime.date`. The result is the plain data
plus a map from each value's path (a tuple of keys and list indexes) to its 1-based line, so a
schema error deep in a term sheet can still name its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from pactum.errors import fail, shown
from pactum.files.reading import read_utf8
from pactum.money import MAGNITUDE_EXPECTED, within_magnitude

Path_ = tuple[str | int, ...]

# A term sheet is tens of kilobytes and a year's events.yaml a few; 8 MiB is hundreds of times
# either, and keeps a mistaken file (a database dump, a video) from being parsed at all.
MAX_YAML_BYTES = 8 * 1024 * 1024
# The example's sheets reuse an anchored sentence a few times; 10,000 values reached through
# aliases is far more than any sheet needs and is built in milliseconds, where a 712-byte
# "billion laughs" of nested aliases would otherwise grow past gigabytes.
MAX_VALUES_THROUGH_ALIASES = 10_000


# libyaml's parser when PyYAML was built with it (several times faster), else pure Python;
# both are the safe loader and both keep marks
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# the tags of plain values whose constructors take the node alone (text, numbers, dates,
# booleans, null); any other tag goes through PyYAML's `construct_object`
_TEXT_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp")
)


class _DecimalSafeLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """SafeLoader whose ints and floats come out as Decimal, exactly as written."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        # YAML 1.1 also reads 11:00 (base 60), 0x1A and .inf as numbers: refuse them here
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{text!r}; expected a plain decimal number (quote it to keep it as text)",
            node.start_mark,
        )
    if not within_magnitude(value):
        raise yaml.constructor.ConstructorError(
            None, None, f"{shown(text)}; expected {MAGNITUDE_EXPECTED}", node.start_mark
        )
    return value


_DecimalSafeLoader.add_constructor("tag:yaml.org,2002:int", _decimal)
_DecimalSafeLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), None)


def load_yaml(path: Path) -> YamlDocument:
    """Load one YAML file; any syntax problem is an InputError naming the line."""
    text = read_utf8(path, "a readable YAML file", MAX_YAML_BYTES)
    if "\x00" in text:
        # YAML allows no NUL; PyYAML's own message for it spans two lines
        nul_line = text.count("\n", 0, text.index("\x00")) + 1
        raise fail(path, nul_line, "YAML", "a NUL byte", "text without NUL bytes")
    loader = _DecimalSafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        data = _Builder(loader, lines, path).build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem).split()).removeprefix("found ")
        if "; expected " in problem:
            found, expected = problem.split("; expected ", 1)
            raise fail(path, line, "YAML", found, expected) from exc
        raise fail(path, line, "YAML", problem, "well-formed YAML") from exc
    except yaml.YAMLError as exc:
        raise fail(path, None, "YAML", str(exc), "well-formed YAML") from exc
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines)


class _Builder:
    """Plain data from the composed nodes, each value's line kept. An alias is the node of its
    anchor met again: one inside itself is refused, and the values built through aliases are
    counted, so that a few hundred bytes of nested aliases cannot expand into gigabytes."""

    def __init__(self, loader: yaml.SafeLoader, lines: dict[Path_, int], file: Path) -> None:
        self.loader = loader
        self.lines = lines
        self.file = file
        self.seen: set[int] = set()  # ids of the nodes built so far
        self.open: set[int] = set()  # ids of the collections being built (the path here)
        self.through_aliases = 0

    def build(self, node: yaml.Node, at: Path_, aliased: bool = False) -> Any:
        line = node.start_mark.line + 1
        self.lines[at] = line
        if id(node) in self.open:
            raise fail(
                self.file, line, _field(at), "an alias inside its own anchor", "no recursion"
            )
        aliased = aliased or id(node) in self.seen
        self.seen.add(id(node))
        if aliased:
            self.through_aliases += 1
            if self.through_aliases > MAX_VALUES_THROUGH_ALIASES:
                raise fail(
                    self.file,
                    line,
                    _field(at),
                    f"aliases expanding to more than {MAX_VALUES_THROUGH_ALIASES:,} values",
                    "fewer or smaller aliases",
                )
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self.open.add(id(node))
            try:
                return self._collection(node, at, aliased)
            finally:
                self.open.discard(id(node))
        try:
            return self._scalar(node)
        except ValueError:
            # a timestamp that matches YAML's pattern but is no day of the calendar (2003-02-30)
            found = shown(str(node.value))
            raise fail(self.file, line, _field(at), found, "a date that exists") from None

    def _scalar(self, node: yaml.Node) -> Any:
        """A scalar's value: text as it is, a plain scalar's type by its own constructor.
        PyYAML's `construct_object` would keep every node in its tables of built and
        recursive objects, which a scalar needs neither of, at a cost that was most of
        building a sheet."""
        if node.tag == _TEXT_TAG:
            return node.value
        if node.tag in _SCALAR_TAGS:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        return self.loader.construct_object(node, deep=True)

    def _collection(self, node: yaml.Node, at: Path_, aliased: bool) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*at, i), aliased) for i, item in enumerate(node.value)]
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            try:
                key = self._scalar(key_node)
            except ValueError:
                # a key that is no day of the calendar (a schedule's `2003-02-30:`), as a value
                found = shown(str(key_node.value))
                field = _field((*at, str(key_node.value)))
                raise fail(self.file, line, field, found, "a date that exists") from None
            if isinstance(key, list | dict):
                raise fail(self.file, line, "key", "a collection", "a scalar")
            if key in result:
                raise fail(self.file, line, str(key), "a duplicate key", "unique keys")
            result[key] = self.build(value_node, (*at, key), aliased)
        return result


def _field(at: Path_) -> str:
    return ".".join(str(p) for p in at) or "(top)"

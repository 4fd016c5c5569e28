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

Path_ = tuple[str | int, ...]

# A term sheet is tens of kilobytes and a year's events.yaml a few; 8 MiB is hundreds of times
# either, and keeps a mistaken file (a database dump, a video) from being parsed at all.
MAX_YAML_BYTES = 8 * 1024 * 1024


# libyaml's parser when PyYAML was built with it (several times faster), else pure Python;
# both are the safe loader and both keep marks
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        data = _build(loader, node, (), lines, path) if node is not None else None
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


def _build(
    loader: yaml.SafeLoader, node: yaml.Node, at: Path_, lines: dict[Path_, int], file: Path
) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise fail(file, key_node.start_mark.line + 1, "key", "a collection", "a scalar")
            if key in result:
                raise fail(
                    file, key_node.start_mark.line + 1, str(key), "a duplicate key", "unique keys"
                )
            result[key] = _build(loader, value_node, (*at, key), lines, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*at, i), lines, file) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # a timestamp that matches YAML's pattern but is no day of the calendar (2003-02-30)
        field = ".".join(str(p) for p in at) or "(top)"
        found = shown(str(node.value))
        raise fail(file, node.start_mark.line + 1, field, found, "a date that exists") from None

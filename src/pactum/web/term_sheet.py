"""A term sheet as rows for the agreement page: each term with its value and its source (the
cited quote, linked to where it is highlighted in the document, or the assumption and its
reason), and each structure as a heading."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pactum.terms.origins import source_path
from pactum.terms.values import is_term_mapping

# keys of a structure that describe it rather than being terms of their own
_ABOUT = ("cite", "assumed", "note")


@dataclass(frozen=True)
class TermRow:
    depth: int
    key: str  # the last step of the path, as shown
    path: str  # the dotted path in the sheet, e.g. borrowing_base.receivables_rate
    anchor: str  # this row's element id
    source: str  # cited | assumed | plain | heading
    value: str = ""  # the value as written (empty for a heading)
    quote: str = ""  # a cited quote, whitespace collapsed
    reason: str = ""  # an assumption's reason, or a structure's note
    at: tuple[str | int, ...] = ()  # the path as a SourceRef names it (list items by position)


def written(value: Any) -> str:
    """A term's value as the sheet writes it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(written(v) for v in value)
    if value is None:
        return ""
    return str(value)


def _collapsed(text: Any) -> str:
    return " ".join(str(text).split())


def _slug(path: tuple[str | int | date, ...]) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", ".".join(written(p) for p in path).lower()).strip(
        "-"
    )


def _item_name(item: Any, index: int) -> str:
    """A list item by its id (or clause), else its position."""
    if isinstance(item, dict):
        for key in ("id", "clause"):
            if key in item and not isinstance(item[key], dict | list):
                return written(item[key])
    return str(index)


def term_rows(data: Any) -> list[TermRow]:
    """The rows of a term sheet's YAML data, in the sheet's order."""
    rows: list[TermRow] = []
    anchors: set[str] = set()

    def add(path: tuple[str | int | date, ...], at: tuple[Any, ...], **fields: Any) -> None:
        anchor = base = _slug(path)
        while anchor in anchors:  # two paths may read the same once slugged
            anchor = f"{base}-{len(anchors)}"
        anchors.add(anchor)
        rows.append(
            TermRow(
                depth=max(len(path) - 1, 0),
                key=written(path[-1]) if path else "",
                path=".".join(written(p) for p in path),
                anchor=anchor,
                at=source_path(at),
                **fields,
            )
        )

    def walk(node: Any, path: tuple[str | int | date, ...], at: tuple[Any, ...]) -> None:
        if is_term_mapping(node):
            source = "cited" if "cite" in node else "assumed" if "assumed" in node else "plain"
            add(
                path,
                at,
                source=source,
                value=written(node["value"]),
                quote=_collapsed(node.get("cite") or ""),
                reason=_collapsed(node.get("assumed") or ""),
            )
            return
        if isinstance(node, dict):
            if path:
                cite = node.get("cite")
                add(
                    path,
                    at,
                    source="heading",
                    quote=_collapsed(cite) if isinstance(cite, str) else "",
                    reason=_collapsed(node.get("note") or ""),
                )
            for key, child in node.items():
                if key not in _ABOUT:
                    walk(child, (*path, key), (*at, key))
        elif isinstance(node, list) and any(isinstance(item, dict) for item in node):
            add(path, at, source="heading")
            for index, child in enumerate(node):
                walk(child, (*path, _item_name(child, index)), (*at, index))
        else:
            add(path, at, source="plain", value=written(node))

    def clause(entry: dict[str, Any], at: tuple[Any, ...]) -> None:
        """A clause as a structure under its id (as errors and verify name it), its type as
        its note."""
        terms = {k: v for k, v in entry.items() if k not in ("id", "type")}
        terms.setdefault("note", f"a {written(entry.get('type'))} clause")
        walk(terms, (written(entry.get("id")),), at)

    if isinstance(data, dict):
        for key, child in data.items():
            if key == "clauses" and isinstance(child, list):
                for index, entry in enumerate(child):
                    if isinstance(entry, dict):
                        clause(entry, (key, index))
            else:
                walk(child, (key,), (key,))
    else:
        walk(data, (), ())
    return rows

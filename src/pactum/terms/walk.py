"""Every part of a loaded term-sheet model with its YAML path: the one walk that recording
origins, finding formulas and finding date rules share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


def parts(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, part) for `node` and every model, field, mapping entry and list item below it,
    parents before their children."""
    yield at, node
    if isinstance(node, BaseModel):
        for field in type(node).model_fields:
            yield from parts(getattr(node, field), (*at, field))
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from parts(child, (*at, key))
    elif isinstance(node, list | tuple):
        for index, child in enumerate(node):
            yield from parts(child, (*at, index))

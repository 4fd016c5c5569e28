"""Every part of a loaded term-sheet model with its YAML path: the one walk that recording
origins, finding formulas and finding date rules share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

_CONTAINERS = (BaseModel, dict, list, tuple)


def parts(
    node: Any, at: tuple[Any, ...] = (), leaves: type | tuple[type, ...] = object
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, part) for `node` and every model, field, mapping entry and list item below it,
    parents before their children. With `leaves`, a plain value (one that is not a model, a
    mapping or a list) only when it is of those types: the walks that look for terms and cited
    clauses (`leaves=()`) or formulas skip the path of every other value of every term."""
    # an explicit stack rather than nested `yield from`: a sheet is walked several times while
    # it loads, and each nested generator re-yields every part below it (a book's sheets spent
    # more time passing parts up the chain than reading them)
    pending: list[tuple[tuple[Any, ...], Any]] = [(at, node)]
    while pending:
        at, node = pending.pop()
        yield at, node
        children: list[tuple[Any, Any]]
        if isinstance(node, BaseModel):
            # when no plain value is wanted, the fields that hold only plain values are not read
            fields = type(node).model_fields if leaves != () else _fields_with_parts(type(node))
            children = [(field, getattr(node, field)) for field in fields]
        elif isinstance(node, dict):
            children = list(node.items())
        elif isinstance(node, list | tuple):
            children = list(enumerate(node))
        else:
            continue
        # pushed last-first, so that they come off in order, each with its own parts first
        pending.extend(
            ((*at, key), child)
            for key, child in reversed(children)
            if isinstance(child, (_CONTAINERS, leaves))
        )


def models(node: Any) -> Iterator[BaseModel]:
    """Every model in `node` (itself included), at any depth, in the order `parts` gives them.
    Without the paths and the plain values: the walks that look only for models (date rules,
    rule terms) skip the tuple built for every value of every term, and the fields that can
    hold only plain values (all of a term's but its value, most often all of them)."""
    pending: list[Any] = [node]
    while pending:
        node = pending.pop()
        if isinstance(node, BaseModel):
            yield node
            children = [getattr(node, field) for field in _fields_with_parts(type(node))]
        elif isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list | tuple):
            children = list(node)
        else:
            continue
        pending.extend(child for child in reversed(children) if isinstance(child, _CONTAINERS))


# the types a field may be declared as and still hold nothing to walk into
_PLAIN = (str, int, float, Decimal, date, Enum, type(None))


@cache
def _fields_with_parts(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose declared type may hold a model, a mapping or a list. A
    validated model holds values of its fields' types (text, numbers, dates, enumerations are
    never walked into), so the others can be passed over unread."""
    return tuple(
        name for name, field in model.model_fields.items() if _may_hold_parts(field.annotation)
    )


def _may_hold_parts(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, _PLAIN):
        return False
    origin = get_origin(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_parts(get_args(annotation)[0])
    if origin is Union or origin is UnionType:
        return any(_may_hold_parts(arg) for arg in get_args(annotation))
    return True  # a model, a collection, Any, a type variable: walked

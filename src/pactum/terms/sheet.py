"""Loading a term sheet: YAML with lines -> the kind's Pydantic schema -> the kind's own checks.

Loader, then schema, then validation, as in Beancount; every problem names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pactum.business_days import CalendarSpec
from pactum.errors import InputError, Problem, fail, shown, validation_problems
from pactum.notices.clause import NoticeClause
from pactum.terms.origins import record_origins
from pactum.terms.registry import get_kind, kinds
from pactum.terms.values import Term, is_term_mapping
from pactum.terms.yaml_source import YamlDocument, load_yaml

AGREEMENT_ID = r"^[a-z0-9][a-z0-9_-]*$"


class Rounds(StrEnum):
    contract = "contract"  # the contract rounds the figure: it must equal the rounded result
    display = "display"  # the document shows a rounded figure: a rounding-only gap is noted


class StatedFigure(BaseModel):
    """A figure the document states that follows from other terms; verify recomputes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    value: Term[Decimal]
    formula: str = Field(description="arithmetic over the sheet's named values, e.g. a.b * c")
    places: int = Field(2, ge=0, le=10)
    rounds: Rounds = Rounds.contract


class TermSheet(BaseModel):
    """What every kind of term sheet has."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=AGREEMENT_ID)
    kind: str
    title: str
    document: str = Field(description="the source text, relative to the portfolio folder")
    dated: Term[date] | None = None
    parties: list[str] = Field(default_factory=list)
    calendar: CalendarSpec | None = Field(
        None, description="business days for this agreement; the portfolio's calendar if unset"
    )
    stated: list[StatedFigure] = Field(default_factory=list)
    notices: NoticeClause | None = Field(
        None, description="how notices are given under the agreement, and to whom"
    )


@dataclass(frozen=True)
class LoadedSheet:
    sheet: TermSheet
    source: YamlDocument


def load_term_sheet(path: Path) -> LoadedSheet:
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise fail(path, 1, "term sheet", shown(type(data).__name__), "a mapping of terms")
    kind_name = data.get("kind")
    kind = get_kind(str(kind_name)) if kind_name is not None else None
    if kind is None:
        raise fail(
            path,
            doc.line_of(("kind",)),
            "kind",
            shown(kind_name) if kind_name is not None else "nothing",
            "one of " + ", ".join(sorted(kinds())),
        )
    try:
        sheet = kind.schema.model_validate(data)
    except ValidationError as exc:
        raise validation_problems(path, exc, doc.line_of) from exc
    if kind.validate is not None:
        problems = [
            # the line of the term's `value:` when written as a mapping, else of the term
            Problem(path, doc.line_of((*at, "value")), _dotted(at), found, expected)
            for at, found, expected in kind.validate(sheet)
        ]
        if problems:
            raise InputError(problems)
    record_origins(sheet, doc)  # each term's sheet, path and line, for the findings' sources
    return LoadedSheet(sheet, doc)


def _dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top)"


def named_values(data: Any) -> dict[str, Decimal]:
    """Every number in a raw sheet by its dotted path, for stated-figure formulas.

    List items that have an `id` are named by it: `spaces.additional.area`.
    """
    names: dict[str, Decimal] = {}

    def walk(node: Any, prefix: str) -> None:
        if is_term_mapping(node):
            node = node["value"]
        if isinstance(node, Decimal) and prefix:
            names[prefix] = node
        elif isinstance(node, dict):
            for key, child in node.items():
                if prefix == "" and key == "stated":
                    continue
                walk(child, f"{prefix}.{key}" if prefix else str(key))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                label = child.get("id") if isinstance(child, dict) else None
                walk(child, f"{prefix}.{label if label is not None else i}")

    walk(data, "")
    return {k: v for k, v in names.items() if re.fullmatch(r"[A-Za-z_][\w.]*", k)}

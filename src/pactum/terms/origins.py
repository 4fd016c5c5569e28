"""Where each term of a loaded term sheet is written: its sheet, its path there and its line.

`record_origins` walks a validated sheet model beside its YAML and gives every `Term` and
`Reference` written in the file its `Origin`, so that a finding's sources can name the sheet,
the path and the line (`pactum.terms.values.sources`) instead of only the quoted text. A term
the sheet leaves to its default has no origin: it is not written anywhere.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pactum.terms.values import Located, Origin
from pactum.terms.walk import parts
from pactum.terms.yaml_source import YamlDocument

PORTFOLIO_FILE = "portfolio.yaml"


def sheet_name(path: Path) -> str:
    """The sheet's file relative to its portfolio folder (the nearest folder above it with a
    portfolio.yaml), e.g. agreements/southtrust-abl.yaml; its name alone outside a portfolio."""
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / PORTFOLIO_FILE).is_file():
            return resolved.relative_to(folder).as_posix()
    return path.name


def record_origins(
    sheet: BaseModel,
    doc: YamlDocument,
    name: str,
    at: tuple[Any, ...] = (),
    instrument: str | None = None,
    section: str | None = None,
    titles: tuple[tuple[str, str], ...] = (),
) -> None:
    """Give each term and cited clause of `sheet` (a model read from `doc` at `at`) written in
    `doc` its origin (once): the sheet's `name` (its `sheet_name`), the instrument it belongs
    to in a sheet of several, the section of it the clause is, and the instruments' titles."""
    for path, node in parts(sheet, at, leaves=()):
        if isinstance(node, Located):
            line = doc.lines.get(path)
            if line is not None:
                node.record_origin(
                    Origin(name, source_path(path), line, instrument, section, titles)
                )


def source_path(at: tuple[Any, ...]) -> tuple[str | int, ...]:
    """A YAML path as a SourceRef keeps it: list indexes as numbers, keys as text (a date key
    in ISO form)."""
    return tuple(_step(part) for part in at)


def _step(part: Any) -> str | int:
    if isinstance(part, int) and not isinstance(part, bool):
        return part
    if isinstance(part, Decimal) and part == part.to_integral_value():
        return int(part)  # a number key as YAML reads it (2003), as the schema's int key
    return part.isoformat() if isinstance(part, date) else str(part)

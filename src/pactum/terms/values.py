"""A term value and its source: cited (a quote from the document), assumed (with the reason), or
plain (unsourced; `pactum verify` counts these).

In YAML a term is written plain (`0.85`) or as a mapping:

    receivables: {value: 0.85, cite: "limited to 85% of eligible accounts receivable"}
    basis: {value: line_cap, assumed: "The letter does not say what the 15% is measured against."}
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

T = TypeVar("T")


class Source(StrEnum):
    cited = "cited"
    assumed = "assumed"
    plain = "plain"


def is_term_mapping(node: Any) -> bool:
    """A YAML mapping that is a sourced term rather than a structure of its own."""
    return isinstance(node, dict) and "value" in node and set(node) <= {"value", "cite", "assumed"}


class Term(BaseModel, Generic[T]):
    """A value with where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: T
    cite: str | None = None
    assumed: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _wrap_plain(cls, data: Any) -> Any:
        return data if is_term_mapping(data) else {"value": data}

    @model_validator(mode="after")
    def _one_source(self) -> Term[T]:
        if self.cite is not None and self.assumed is not None:
            raise ValueError("a term is either cited or assumed, not both")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A term may be written plain or as {value, cite|assumed}: the schema says both."""
        mapping = handler(core_schema)
        value = handler.resolve_ref_schema(mapping)["properties"]["value"]
        return {"anyOf": [value, mapping]}

    @property
    def source(self) -> Source:
        if self.cite is not None:
            return Source.cited
        if self.assumed is not None:
            return Source.assumed
        return Source.plain

    def reference(self) -> str | None:
        """The citation or the assumption, as the trace shows it."""
        if self.cite is not None:
            return f'"{" ".join(self.cite.split())}"'
        if self.assumed is not None:
            return f"assumed: {self.assumed}"
        return None


class Reference(BaseModel):
    """A clause cited without a value of its own, e.g. a pricing grid the letter keeps but
    does not state."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: str = "cited"
    cite: str | None = None
    note: str | None = None

    def reference(self) -> str | None:
        """The citation as a trace shows it."""
        return f'"{" ".join(self.cite.split())}"' if self.cite is not None else None


def sources(*terms: Term[Any] | Reference | None) -> tuple[str, ...]:
    """The references of the given terms and clauses, for a trace, skipping plain and absent
    ones."""
    return tuple(ref for term in terms if term is not None and (ref := term.reference()))

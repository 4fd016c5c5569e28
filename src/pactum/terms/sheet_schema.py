"""The JSON Schema of a whole term sheet: the header, and each clause as one of the registered
clause types (its `type` a constant, its `id` beside the type's terms), for editors."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, create_model
from pydantic.json_schema import models_json_schema

from pactum.terms.registry import clause_types
from pactum.terms.sheet import CLAUSE_ID, TermSheet
from pactum.terms.values import DOMAINS, Term

_VALIDATION: Literal["validation"] = "validation"


def sheet_schema() -> dict[str, Any]:
    types = clause_types()
    schemas: list[type[BaseModel]] = [TermSheet, *(t.schema for t in types.values())]
    models = [(model, _VALIDATION) for model in schemas]
    refs, top = models_json_schema(models, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = top.get("$defs", {})
    sheet = defs.pop(_name(refs[(TermSheet, _VALIDATION)]))
    one_of = []
    for name, spec in sorted(types.items()):
        terms = dict(defs[_name(refs[(spec.schema, _VALIDATION)])])
        terms["title"] = f"{name} clause"
        terms["description"] = spec.description
        terms["properties"] = {
            "id": {"type": "string", "pattern": CLAUSE_ID, "description": "unique in the sheet"},
            "type": {"const": name},
            "instrument": {"type": "string", "description": "the instrument it is in"},
            "change": {"enum": ["replace", "add"], "description": "what its instrument does"},
            **terms.get("properties", {}),
        }
        terms["required"] = ["id", "type", *terms.get("required", [])]
        one_of.append(terms)
    # an instrument deleting a clause: its id, instrument and `change: delete`, nothing else
    one_of.append(
        {
            "title": "deleted clause",
            "type": "object",
            "properties": {
                "id": {"type": "string", "pattern": CLAUSE_ID},
                "instrument": {"type": "string"},
                "change": {"const": "delete"},
            },
            "required": ["id", "instrument", "change"],
            "additionalProperties": False,
        }
    )
    sheet["properties"]["clauses"]["items"] = {"oneOf": one_of}
    defs.pop("ClauseEntry", None)
    return _domains_named(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **sheet,
            "$defs": defs,
        }
    )


def _domains_named(schema: dict[str, Any]) -> dict[str, Any]:
    """A term of a domain named by it (`Term_Money_`) rather than by Pydantic's spelling of
    its bounds (`Term_Annotated_Decimal__FieldInfo_..._Ge_ge_0_____`)."""
    text = json.dumps(schema)
    for domain, name in DOMAINS:
        probe = create_model(f"Probe{name}", term=(Term[domain], ...))  # type: ignore[valid-type]
        _, top = models_json_schema([(probe, _VALIDATION)], ref_template="#/$defs/{model}")
        [spelled] = [key for key in top["$defs"] if key.startswith("Term_")]
        text = text.replace(f'"{spelled}"', f'"Term_{name}_"')
        text = text.replace(f'"#/$defs/{spelled}"', f'"#/$defs/Term_{name}_"')
    renamed: dict[str, Any] = json.loads(text)
    return renamed


def _name(ref: dict[str, Any]) -> str:
    return str(ref["$ref"]).rsplit("/", 1)[-1]

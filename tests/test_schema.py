"""`pactum schema` gives editors a schema that accepts every way a term may be written."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pactum.cli import app


def test_a_term_may_be_plain_or_sourced() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    term = schema["$defs"]["Term_Decimal_"]
    plain, mapping = term["anyOf"]
    assert {"type": "number"} in plain["anyOf"]  # commitment: 40000000
    assert set(mapping["properties"]) == {"value", "cite", "assumed", "instrument", "section"}
    # a rate's term alone may say the agreement's rate is above 100%
    _, rate_mapping = schema["$defs"]["Term_Rate_"]["anyOf"]
    assert "above_100_percent" in rate_mapping["properties"]
    assert mapping["additionalProperties"] is False
    clauses = schema["properties"]["clauses"]["items"]["oneOf"]
    [revolver] = [c for c in clauses if c["properties"].get("type") == {"const": "revolver"}]
    # a commitment is money: its domain is named and bounded in the schema too
    assert revolver["properties"]["commitment"] == {"$ref": "#/$defs/Term_Money_"}
    money = schema["$defs"]["Term_Money_"]["anyOf"][0]
    assert {"minimum": 0.0, "type": "number"} in money["anyOf"]
    assert "commitment" in revolver["required"]

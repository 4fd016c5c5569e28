"""The API's description at `/docs`, rendered here from `app.openapi()`: each path and
method, what it does, its parameters, its request body and its responses, then each schema
with its fields.

FastAPI's own page loads Swagger UI's scripts and styles from a CDN: they are not installed,
the dashboard's Content-Security-Policy refuses scripts from another host, and a CDN would
learn of each visit. This page is plain HTML with the dashboard's style sheet; the machine
form is `/openapi.json`.
"""

from __future__ import annotations

from html import escape
from typing import Any

REF_PREFIX = "#/components/schemas/"


def _type(schema: dict[str, Any]) -> str:
    """A schema in a few words: a linked model name, `list of X`, `X or null`."""
    if "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(REF_PREFIX)
        return f'<a href="#schema-{escape(name)}">{escape(name)}</a>'
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            return " or ".join(_type(s) for s in schema[combined])
    kind = schema.get("type")
    if kind == "array":
        return "list of " + _type(schema.get("items", {}))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return "object of " + _type(schema["additionalProperties"])
    if kind is None:
        return "any"
    written = escape(str(kind))
    return f"{written} ({escape(str(schema['format']))})" if "format" in schema else written


def _parameters(operation: dict[str, Any]) -> str:
    parameters = operation.get("parameters", [])
    if not parameters:
        return ""
    rows = "".join(
        "<tr>"
        f"<td><code>{escape(p['name'])}</code></td>"
        f"<td>{escape(p.get('in', ''))}</td>"
        f"<td>{'required' if p.get('required') else 'optional'}</td>"
        f"<td>{_type(p.get('schema', {}))}</td>"
        f"<td>{escape(p.get('description') or p.get('schema', {}).get('description', ''))}</td>"
        "</tr>"
        for p in parameters
    )
    return (
        "<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th></th><th>type</th>"
        f"<th>what</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _body(operation: dict[str, Any]) -> str:
    body = operation.get("requestBody")
    if not body:
        return ""
    types = ", ".join(f"<code>{escape(t)}</code>" for t in body.get("content", {}))
    what = escape(body.get("description", ""))
    return f"<h4>Request body</h4><p>{what} ({types})</p>"


def _responses(operation: dict[str, Any]) -> str:
    rows = []
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        shapes = "; ".join(
            f"<code>{escape(media)}</code> {_type(spec.get('schema', {}))}"
            for media, spec in content.items()
        )
        rows.append(
            f"<tr><td>{escape(str(status))}</td><td>{escape(response.get('description', ''))}"
            f"</td><td>{shapes}</td></tr>"
        )
    return (
        "<h4>Responses</h4><table><thead><tr><th>status</th><th>what</th><th>body</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _operation(path: str, method: str, operation: dict[str, Any]) -> str:
    summary = escape(operation.get("summary", ""))
    description = escape(operation.get("description", ""))
    return (
        f'<section class="api-operation"><h3><code>{escape(method.upper())} {escape(path)}'
        f"</code> {summary}</h3><p>{description}</p>"
        f"{_parameters(operation)}{_body(operation)}{_responses(operation)}</section>"
    )


def _schema(name: str, schema: dict[str, Any]) -> str:
    required = set(schema.get("required", []))
    rows = "".join(
        f"<tr><td><code>{escape(field)}</code></td>"
        f"<td>{'required' if field in required else 'optional'}</td>"
        f"<td>{_type(spec)}</td><td>{escape(spec.get('description', ''))}</td></tr>"
        for field, spec in schema.get("properties", {}).items()
    )
    table = (
        "<table><thead><tr><th>field</th><th></th><th>type</th><th>what</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    return (
        f'<section id="schema-{escape(name)}"><h3>{escape(name)}</h3>'
        f"<p>{escape(schema.get('description', ''))}</p>{table}</section>"
    )


def api_docs_page(spec: dict[str, Any]) -> str:
    """The HTML page describing the OpenAPI document `spec`."""
    info = spec.get("info", {})
    title = escape(f"{info.get('title', 'API')} API {info.get('version', '')}".strip())
    operations = "".join(
        _operation(path, method, operation)
        for path, methods in spec.get("paths", {}).items()
        for method, operation in methods.items()
    )
    schemas = "".join(
        _schema(name, schema)
        for name, schema in spec.get("components", {}).get("schemas", {}).items()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><link rel="stylesheet" href="/static/pactum.css">'
        '<link rel="icon" href="/static/favicon.svg"></head><body><main>'
        f"<h1>{title}</h1><p>{escape(info.get('description', ''))}</p>"
        '<p>The same description for programs: <a href="/openapi.json">/openapi.json</a>.</p>'
        f"<h2>Paths</h2>{operations}<h2>Schemas</h2>{schemas}</main></body></html>"
    )

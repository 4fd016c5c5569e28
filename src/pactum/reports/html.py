"""A document as one self-contained, printable HTML page (Jinja2 templates shipped with the
package; the stylesheet is inlined and nothing is loaded from elsewhere)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pactum.document import Document, Grid, Section
from pactum.findings import SourceRef
from pactum.format import source_text

if TYPE_CHECKING:
    from jinja2 import Environment


@cache
def _environment() -> Environment:
    # imported here: only the report commands need Jinja2
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("pactum.reports", "templates"),
        autoescape=select_autoescape(("html", "html.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _is_grid(section: Section) -> bool:
    return isinstance(section, Grid)


def _unique(sources: tuple[SourceRef, ...]) -> list[str]:
    """A trace's sources as text, each once."""
    return list(dict.fromkeys(source_text(s) for s in sources))


def render_html(document: Document) -> str:
    """The page: each section's lines or grid, each traced figure linked to its trace in the
    appendix "How each figure was obtained", then the sources of the terms used."""
    traces = [f for _, f in document.figures() if f.trace is not None]
    numbered = list(enumerate(traces, start=1))
    template = _environment().get_template("document.html.j2")
    return template.render(
        doc=document,
        traces=numbered,
        traced={figure.key: number for number, figure in numbered},
        is_grid=_is_grid,
        unique=_unique,
    )

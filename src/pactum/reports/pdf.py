"""A document's PDF: its HTML page printed by WeasyPrint (with Debian's Pango)."""

from __future__ import annotations


def render_pdf(html: str) -> bytes:
    # imported here: WeasyPrint loads Pango and takes a second to import
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf

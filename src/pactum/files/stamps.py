"""The one timestamp a written document carries: midnight (UTC) of the as-of date the figures
are computed for, never the clock, so that the same inputs give the same bytes on any day, in
any time zone.

XLSX files are zip archives: openpyxl writes the clock into `docProps/core.xml` (created and
modified) and each zip entry carries a local time. `stamped_xlsx` rewrites both.

A build that fixes its own time (the reproducible-builds convention) sets SOURCE_DATE_EPOCH,
seconds since 1970-01-01 UTC: that time is then the stamp instead."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, date, datetime

CORE_PROPERTIES = "docProps/core.xml"
ZIP_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)  # a zip entry cannot be dated before 1980
_CORE_DATES = re.compile(r"(<dcterms:(?P<tag>created|modified)\b[^>]*>)[^<]*(</dcterms:(?P=tag)>)")


def document_stamp(as_of: date) -> datetime:
    """SOURCE_DATE_EPOCH when it is set to whole seconds, otherwise midnight UTC at the start
    of the as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():  # anything else is no time the convention defines: the as-of date
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)


def stamped_xlsx(data: bytes, as_of: date) -> bytes:
    """The workbook `data` with every timestamp set from the as-of date: the document's
    created and modified properties and each zip entry's date."""
    stamp = document_stamp(as_of)
    written = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    entry_time = max(stamp, ZIP_EARLIEST).timetuple()[:6]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == CORE_PROPERTIES:
                text = _CORE_DATES.sub(rf"\g<1>{written}\g<3>", content.decode("utf-8"))
                content = text.encode("utf-8")
            fixed = zipfile.ZipInfo(entry.filename, date_time=entry_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, content)
    return output.getvalue()

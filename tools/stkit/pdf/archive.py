"""What makes the PDF archival: its document metadata, its dates, and the machine-readable
files embedded in it (the registry as JSON and the registry's JSON Schema), so the PDF/A
file carries its own data, as xml2rfc's PDFs do.

Reproducibility: every date in the PDF comes from `build_time()`. With SOURCE_DATE_EPOCH set
(https://reproducible-builds.org/specs/source-date-epoch/) two builds of the same sources
give the same bytes; WeasyPrint's PDF /ID is a hash of the content, never random.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from weasyprint import Attachment

from ..model import Metadata
from .errors import PdfError

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "registry.schema.json"
REGISTRY_ATTACHMENT = "requirements_registry.json"
SCHEMA_ATTACHMENT = "registry.schema.json"
PDF_VARIANT = "pdf/a-3b"


def build_time(md: Metadata, *, release: bool = False, environ: dict[str, str] | None = None) -> datetime:
    """SOURCE_DATE_EPOCH when set; else, for a release, midnight UTC of the standard's date
    (a release is reproducible even without the variable); else now, to the second."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise PdfError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch!r}")
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    if release:
        return datetime.fromisoformat(md.date).replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def w3c_date(when: datetime) -> str:
    """The W3C date-time form WeasyPrint reads from <meta name="dcterms.created">."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def registry_json(data: Any) -> str:
    """The registry data exactly as loaded, as JSON (keys sorted, non-ASCII kept)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def attachments(data: Any, when: datetime) -> list[Attachment]:
    """The registry (as JSON) and its schema, dated `when` so the build is reproducible."""
    try:
        schema = SCHEMA_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise PdfError(f"{SCHEMA_FILE.name}: cannot be read ({exc.strerror})") from None
    return [
        Attachment(string=registry_json(data), name=REGISTRY_ATTACHMENT,
                   description="The requirements registry of this standard, as JSON",
                   created=when, modified=when, relationship="Data"),
        Attachment(string=schema, name=SCHEMA_ATTACHMENT,
                   description="The JSON Schema the requirements registry is valid against",
                   created=when, modified=when, relationship="Supplement"),
    ]


def document_fields(md: Metadata, when: datetime, draft: str) -> dict[str, str]:
    """The print template's fields: what becomes the PDF's title, subject, language..."""
    return {
        "title": f"{md.number} - {md.title}",
        "lang": "en",  # the source; build() sets a translation's
        "description": f"WIPO Standard {md.number}, version {md.version}. {md.status_line}",
        "author": md.prepared_by,
        "keywords": f"WIPO, {md.number}, intellectual property, data exchange",
        "created": w3c_date(when),
        "draft": draft,
    }

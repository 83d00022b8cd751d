"""Downloads of registers and forms (R18, R21, R22, R39): reads that leave a trace.

Each renders what the person may print and writes its audit event in one transaction; the screens,
the API and the `bmnn registers` command call these same functions.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.documents import administrative as admin_docs
from bmnn.documents import labels as label_docs
from bmnn.documents import registers as register_docs
from bmnn.org.models import Person

from .books import build_book
from .choices import KIND_SLUG
from .paperwork import FORMS, commitment_form
from .policies import may_print_registers
from .selectors import Selection

FORMATS = {
    "pdf": ("application/pdf", register_docs.write_register_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        register_docs.write_register_docx,
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", register_docs.write_register_xlsx),
}
IN_MEMORY = 4 * 1024 * 1024  # a larger export goes to an unnamed temporary file in the data directory
SLUG_KIND = {slug: kind for kind, slug in KIND_SLUG.items()}


@dataclass
class Export:
    """A rendered file: ``file`` is open at its start (a register's may be on disk); ``content`` reads it all."""

    filename: str
    content_type: str
    file: BinaryIO

    @classmethod
    def of(cls, filename: str, content_type: str, content: bytes) -> Export:
        return cls(filename, content_type, io.BytesIO(content))

    @property
    def content(self) -> bytes:
        """The whole file in memory (tests, small forms); a file on disk is closed and so removed."""
        if not isinstance(self.file, io.BytesIO):
            with self.file:
                self.file.seek(0)
                self.file = io.BytesIO(self.file.read())
        return self.file.getvalue()

    def response(self) -> FileResponse:
        """Sent as an attachment in blocks, so a large register never sits in the worker's memory whole."""
        self.file.seek(0)
        return FileResponse(self.file, as_attachment=True, filename=self.filename, content_type=self.content_type)


def _written(write: Callable[[Any, BinaryIO], None], book: Any) -> BinaryIO:
    """The rendered file, at its start: in memory while small, else an unnamed file (0600, removed when closed)
    in the data directory, never the shared temporary directory (S6)."""
    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY, dir=str(settings.DATA_DIR))  # noqa: SIM115 (the response closes it)
    try:
        write(book, spool)  # type: ignore[arg-type]
    except BaseException:
        spool.close()
        raise
    if spool.tell() <= IN_MEMORY:
        with spool:
            spool.seek(0)
            return io.BytesIO(spool.read())
    spool.seek(0)
    return spool  # type: ignore[return-value]


def register_export(*, actor: Person, selection: Selection, fmt: str) -> Export:
    """Render the selected register (R21) as PDF, DOCX or XLSX, and audit who printed what."""
    if fmt not in FORMATS:
        raise DomainError(_("Unsupported format; choose pdf, docx or xlsx."), field="fmt")
    with transaction.atomic():
        if not may_print_registers(actor, selection.agency):
            raise PermissionDenied(
                _(
                    "Only the register-keeping clerk and the head of the agency may print the agency's state secrets "
                    "registers."
                ),
                rule="R21",
            )
        book, layout, entries = build_book(actor, selection)
        content_type, write = FORMATS[fmt]
        out = _written(write, book)
        record(
            actor,
            "registers.register.exported",
            selection.agency,
            basis="R21",
            data={
                "kind": selection.kind,
                "year": selection.year,
                "volume": selection.volume,
                "format": fmt,
                "rows": len(entries),
                "layout": layout.name,
                "filter": selection.describe(),
            },
        )
    suffix = f"-quyen-{selection.volume}" if selection.volume else ""
    return Export(f"{KIND_SLUG[selection.kind]}-{selection.year}{suffix}.{fmt}", content_type, out)


def form_export(*, actor: Person, carrier: Any, form: str, fmt: str, **options: Any) -> Export:
    """Render one of the record's forms (FORMS) as PDF or DOCX, and audit it.

    ``carrier`` must come from the visibility funnel (registry.selectors.carrier_get_for_user).
    """
    spec = FORMS.get(form)
    if spec is None or not spec.available(carrier):
        raise DomainError(_("This record has no such form."), field="form")
    if fmt not in ("pdf", "docx"):
        raise DomainError(_("Unsupported format; choose pdf or docx."), field="fmt")
    with transaction.atomic():
        built = spec.build(carrier, actor, **options)
        if not built:
            raise DomainError(_("There is no data yet to fill in this form."), field="form")
        if spec.labels:
            content = (label_docs.render_labels_pdf if fmt == "pdf" else label_docs.render_labels_docx)(built)
        else:
            content = (admin_docs.render_pdf_bundle if fmt == "pdf" else admin_docs.render_docx_bundle)(built)
        record(
            actor,
            "registers.form.exported",
            carrier,
            basis="R21",
            data={"form": form, "format": fmt, "documents": len(built)},
        )
    return Export.of(f"{form}-{carrier.pk}.{fmt}", FORMATS[fmt][0], content)


def commitment_export(*, actor: Person, person: Person, fmt: str) -> Export:
    """The staff commitment of ``person``: for themselves, or by the head or clerk of their agency (P4, R39)."""
    if fmt not in ("pdf", "docx"):
        raise DomainError(_("Unsupported format; choose pdf or docx."), field="fmt")
    with transaction.atomic():
        agency = person.agency()
        if person.pk != actor.pk and (agency is None or agency != actor.agency()):
            raise NotFound()  # S2: a person of another agency answers like a missing one
        if person.pk != actor.pk and not (agency is not None and may_print_registers(actor, agency)):
            raise PermissionDenied(
                _(
                    "Only the person who made the commitment, a clerk or the head of the agency may print the "
                    "commitment."
                ),
                rule="R39",
            )
        doc = commitment_form(person)
        content = (admin_docs.render_pdf if fmt == "pdf" else admin_docs.render_docx)(doc)
        record(actor, "registers.form.exported", person, basis="R39", data={"form": "cam-ket", "format": fmt})
    return Export.of(f"cam-ket-{person.pk}.{fmt}", FORMATS[fmt][0], content)

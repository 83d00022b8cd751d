"""Downloads of registers and forms (R18, R21, R22, R39): reads that leave a trace.

Each renders what the person may print and writes its audit event in one transaction; the screens,
the API and the `bmnn registers` command call these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.documents import administrative as admin_docs
from bmnn.documents import labels as label_docs
from bmnn.documents import registers as register_docs
from bmnn.org.models import Person

from .books import build_book
from .choices import RegisterKind
from .paperwork import FORMS, commitment_form
from .policies import may_print_registers
from .selectors import Selection

FORMATS = {
    "pdf": ("application/pdf", register_docs.render_register_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             register_docs.render_register_docx),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", register_docs.render_register_xlsx),
}
KIND_SLUG: dict[str, str] = {
    RegisterKind.OUTGOING: "so-di", RegisterKind.INCOMING: "so-den", RegisterKind.DELIVERY: "so-chuyen-giao",
    RegisterKind.COPY: "so-sao-chup", RegisterKind.STATISTICS: "thong-ke"}
SLUG_KIND = {slug: kind for kind, slug in KIND_SLUG.items()}


@dataclass
class Export:
    filename: str
    content_type: str
    content: bytes


def register_export(*, actor: Person, selection: Selection, fmt: str) -> Export:
    """Render the selected register (R21) as PDF, DOCX or XLSX, and audit who printed what."""
    if fmt not in FORMATS:
        raise DomainError("Định dạng không hỗ trợ; chọn pdf, docx hoặc xlsx.", field="fmt")
    with transaction.atomic():
        if not may_print_registers(actor, selection.agency):
            raise PermissionDenied("Chỉ văn thư giữ sổ và người đứng đầu cơ quan được in sổ BMNN của cơ quan.",
                                   rule="R21")
        book, layout, entries = build_book(actor, selection)
        content_type, render = FORMATS[fmt]
        content = render(book)
        record(actor, "registers.register.exported", selection.agency, basis="R21",
               data={"kind": selection.kind, "year": selection.year, "volume": selection.volume, "format": fmt,
                     "rows": len(entries), "layout": layout.name, "filter": selection.describe()})
    suffix = f"-quyen-{selection.volume}" if selection.volume else ""
    return Export(f"{KIND_SLUG[selection.kind]}-{selection.year}{suffix}.{fmt}", content_type, content)


def form_export(*, actor: Person, carrier: Any, form: str, fmt: str, **options: Any) -> Export:
    """Render one of the record's forms (FORMS) as PDF or DOCX, and audit it.

    ``carrier`` must come from the visibility funnel (registry.selectors.carrier_get_for_user).
    """
    spec = FORMS.get(form)
    if spec is None or not spec.available(carrier):
        raise DomainError("Hồ sơ này không có biểu mẫu đã chọn.", field="form")
    if fmt not in ("pdf", "docx"):
        raise DomainError("Định dạng không hỗ trợ; chọn pdf hoặc docx.", field="fmt")
    with transaction.atomic():
        built = spec.build(carrier, actor, **options)
        if not built:
            raise DomainError("Chưa có dữ liệu để lập biểu mẫu này.", field="form")
        if spec.labels:
            content = (label_docs.render_labels_pdf if fmt == "pdf" else label_docs.render_labels_docx)(built)
        else:
            content = (admin_docs.render_pdf_bundle if fmt == "pdf" else admin_docs.render_docx_bundle)(built)
        record(actor, "registers.form.exported", carrier, basis="R21",
               data={"form": form, "format": fmt, "documents": len(built)})
    return Export(f"{form}-{carrier.pk}.{fmt}", FORMATS[fmt][0], content)


def commitment_export(*, actor: Person, person: Person, fmt: str) -> Export:
    """The staff commitment of ``person``: for themselves, or by the head or clerk of their agency (P4, R39)."""
    if fmt not in ("pdf", "docx"):
        raise DomainError("Định dạng không hỗ trợ; chọn pdf hoặc docx.", field="fmt")
    with transaction.atomic():
        agency = person.agency()
        if person.pk != actor.pk and (agency is None or agency != actor.agency()):
            raise NotFound()  # S2: a person of another agency answers like a missing one
        if person.pk != actor.pk and not (agency is not None and may_print_registers(actor, agency)):
            raise PermissionDenied("Chỉ người cam kết, văn thư hoặc người đứng đầu cơ quan được in bản cam kết.",
                                   rule="R39")
        doc = commitment_form(person)
        content = (admin_docs.render_pdf if fmt == "pdf" else admin_docs.render_docx)(doc)
        record(actor, "registers.form.exported", person, basis="R39",
               data={"form": "cam-ket", "format": fmt})
    return Export(f"cam-ket-{person.pk}.{fmt}", FORMATS[fmt][0], content)

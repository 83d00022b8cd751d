"""Operations of the registers app: export a register, close a volume, export a form (R18, R20, R21, R22).

Each is one transaction that checks permission, does the work and writes its audit event; web, API and
the `bmnn registers` command call these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.documents import admin as admin_docs
from bmnn.documents import labels as label_docs
from bmnn.documents import registers as register_docs
from bmnn.org.models import Organisation, Person
from bmnn.registry.models import RegisterSeries

from .books import build_book
from .choices import RegisterKind
from .models import RegisterVolume
from .paperwork import FORMS, commitment_form
from .policies import may_close_volume, may_print_registers
from .selectors import Selection, check_register_year, volumes

FORMATS = {
    "pdf": ("application/pdf", register_docs.render_register_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             register_docs.render_register_docx),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", register_docs.render_register_xlsx),
}
KIND_SLUG: dict[str, str] = {
    RegisterKind.OUTGOING: "so-di", RegisterKind.INCOMING: "so-den", RegisterKind.DELIVERY: "so-chuyen-giao",
    RegisterKind.COPY: "so-sao-chup", RegisterKind.STATISTICS: "thong-ke"}


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


def volume_close(*, actor: Person, agency: Organisation, kind: str, year: int) -> RegisterVolume:
    """Close the open volume at the register's last number; the next entry opens the next volume (R20)."""
    check_register_year(year)
    with transaction.atomic():
        if kind == RegisterKind.STATISTICS or kind not in RegisterKind.values:
            raise DomainError("Chỉ khóa quyển của sổ đăng ký đi, đến, chuyển giao, sao chụp.", field="kind")
        if not may_close_volume(actor, agency):
            raise PermissionDenied("Chỉ văn thư giữ sổ của cơ quan được khóa quyển sổ.", rule="R20")
        series = RegisterSeries.objects.select_for_update().filter(agency=agency, kind=kind, year=year).first()
        last = series.last_number if series else 0
        open_volume = volumes(agency, kind, year)[-1]
        if open_volume.closed or last < open_volume.first_number:
            raise DomainError("Quyển đang mở chưa có số nào; không khóa quyển rỗng.", rule="R20")
        volume = RegisterVolume.objects.create(
            agency=agency, kind=kind, year=year, number=open_volume.number, first_number=open_volume.first_number,
            last_number=last, closed_at=clock.now(), closed_by=actor)
        record(actor, "registers.volume.closed", agency, basis="R20",
               data={"kind": kind, "year": year, "volume": volume.number, "from": volume.first_number,
                     "to": volume.last_number})
    return volume


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

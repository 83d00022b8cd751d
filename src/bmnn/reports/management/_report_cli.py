"""What `bmnn reports` does for each sub-command: call the service, describe the result in Vietnamese."""

from __future__ import annotations

from typing import Any

from bmnn.org.models import Organisation, Person

from .. import selectors, services
from ..figures import registry_table, section_tables
from ..policies import agency_of
from ..printing import report_docx, report_pdf

TEXTS = services.TEXT_FIELDS


def _agency(actor: Person) -> Organisation:
    agency = agency_of(actor)
    if agency is None:
        from bmnn.core.errors import DomainError

        raise DomainError("Tài khoản chưa thuộc đơn vị nào.", rule="R41")
    return agency


def build(actor: Person, year: int) -> str:
    report = services.report_build(actor=actor, unit=_agency(actor), year=year)
    missing = ", ".join(m["unit"] for m in report.figures["missing"]) or "không"
    return (f"Báo cáo số {report.pk}: {report} – kỳ {report.window_start:%d/%m/%Y}–{report.window_end:%d/%m/%Y}, "
            f"hạn {report.due:%d/%m/%Y}; đơn vị cấp dưới chưa gửi: {missing}")


def text(actor: Person, pk: int, texts: dict[str, str]) -> str:
    report = services.report_edit(actor=actor, report=selectors.report_get_for_user(actor, pk), **texts)
    return f"Đã lưu nội dung báo cáo số {report.pk}."


def submit(actor: Person, pk: int) -> str:
    report = services.report_submit(actor=actor, report=selectors.report_get_for_user(actor, pk))
    return f"Đã ký gửi báo cáo số {report.pk} cho {report.recipient or 'cấp trên'}."


def show(actor: Person, pk: int) -> str:
    report = selectors.report_get_for_user(actor, pk)
    total = report.figures.get("total", {})
    lines = [f"{report} – {report.get_status_display()}"]
    lines += [f"  {r['label']}: {' / '.join(str(v) for v in r['values'])} (cộng {r['total']})"
              for r in registry_table(total)]
    for section in section_tables(total):
        lines += [f"  {section['title']}: " + "; ".join(f"{label} {n}" for label, n in section["rows"])]
    for part in report.figures.get("subordinates", []):
        lines.append(f"  + {part['unit']} ({'gói ký số' if part['source'] == 'imported' else 'trên hệ thống'})")
    lines += [f"  ! {m['unit']}: chưa gửi" for m in report.figures.get("missing", [])]
    return "\n".join(lines)


def printed(actor: Person, pk: int, fmt: str) -> bytes:
    report = selectors.report_get_for_user(actor, pk)
    return report_pdf(report) if fmt == "pdf" else report_docx(report)


def package(actor: Person, pk: int) -> bytes:
    return services.package_export(actor=actor, report=selectors.report_get_for_user(actor, pk))


def import_package(actor: Person, blob: bytes) -> str:
    imported = services.package_import(actor=actor, recipient=_agency(actor), blob=blob)
    return f"Đã kiểm tra chữ ký và nhập báo cáo năm {imported.year} của {imported.organisation}."


def overdue(actor: Person) -> str:
    rows: list[Any] = selectors.overdue_reports_for(actor)
    return "\n".join(f"{r['unit']}: quá hạn {r['due']:%d/%m/%Y}" for r in rows) or "Không có đơn vị quá hạn."


def trust(actor: Person, unit: Organisation, public_key: str, label: str) -> str:
    key = services.trusted_key_register(actor=actor, organisation=unit, public_key=public_key, label=label)
    return f"Đã đăng ký khóa công khai của {key.organisation}."

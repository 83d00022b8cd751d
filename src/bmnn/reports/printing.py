"""The annual report as a Vietnamese administrative document (R41 sections a–d, R42 table), DOCX and PDF."""

from __future__ import annotations

from typing import Any

from bmnn.core import clock
from bmnn.documents.model import AdminDocument, Heading, Paragraph, Table

from .figures import LEVELS, registry_table, section_tables
from .models import PeriodicReport, SummaryReport
from .tree import schedule_on

LEVEL_WORDS = {"MAT": "Mật", "TOI_MAT": "Tối mật", "TUYET_MAT": "Tuyệt mật"}


def _paragraphs(text: str, empty: str) -> list[Paragraph]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Paragraph(line) for line in lines] or [Paragraph(empty, italic=True)]


def _stats_table(total: dict[str, Any]) -> Table:
    rows = [
        [str(i), r["label"], *[str(v) for v in r["values"]], str(r["total"])]
        for i, r in enumerate(registry_table(total), 1)
    ]
    return Table(
        header=["TT", "Nội dung", *[LEVEL_WORDS[lv] for lv in LEVELS], "Cộng"],
        rows=rows,
        widths=[8, 62, 16, 16, 16, 14],
        size=12,
    )


def _section_table(section: dict[str, Any]) -> Table:
    return Table(
        header=["Nội dung", "Số lượng"],
        rows=[[label, str(n)] for label, n in section["rows"]],
        widths=[110, 30],
        size=12,
    )


def _subordinates(figures: dict[str, Any]) -> list[Any]:
    parts, missing = figures.get("subordinates", []), figures.get("missing", [])
    if not parts and not missing:
        return []
    rows = [
        [
            p["unit"],
            "Gói ký số đã kiểm tra chữ ký" if p["source"] == "imported" else "Đã gửi trên hệ thống",
            str(sum(r["total"] for r in registry_table(p["total"]))),
        ]
        for p in parts
    ]
    rows += [[m["unit"], "CHƯA GỬI BÁO CÁO", "–"] for m in missing]
    return [
        Heading("Phụ lục: Tổng hợp báo cáo của đơn vị cấp dưới"),
        Table(header=["Đơn vị", "Hình thức nhận", "Tổng số BMNN (thống kê)"], rows=rows, widths=[80, 50, 30]),
    ]


def report_document(report: PeriodicReport) -> AdminDocument:
    """Build the printable annual report; sections a–d follow Decree 26/2020 Art. 8 (R41)."""
    unit, figures = report.organisation, report.figures
    total = figures.get("total", {})
    tables = {s["key"]: s for s in section_tables(total)}
    basis = schedule_on(report.window_end).source
    body: list[Any] = [
        Paragraph(
            f"Thực hiện chế độ báo cáo theo {basis}, {unit.name} báo cáo kết quả công tác bảo vệ bí mật "
            f"nhà nước năm {report.year} (số liệu từ ngày {report.window_start:%d/%m/%Y} đến ngày "
            f"{report.window_end:%d/%m/%Y}) như sau:"
        ),
        Heading("I. TÌNH HÌNH"),
        *_paragraphs(report.situation, "(Chưa có nội dung.)"),
        Heading("II. KẾT QUẢ THỰC HIỆN"),
        *_paragraphs(report.results, "(Chưa có nội dung.)"),
        Paragraph("1. Thống kê bí mật nhà nước theo độ mật:", bold=True, indent=False),
        _stats_table(total),
    ]
    for number, key in enumerate(("tasks", "inspections", "training", "devices"), 2):
        body += [Paragraph(f"{number}. {tables[key]['title']}:", bold=True, indent=False), _section_table(tables[key])]
    body += [
        Heading("III. TÌNH HÌNH LỘ, MẤT BÍ MẬT NHÀ NƯỚC"),
        _section_table(tables["incidents"]),
        *_paragraphs(report.incidents_text, "Trong kỳ báo cáo không xảy ra vụ lộ, mất bí mật nhà nước."),
        Heading("IV. DỰ BÁO, PHƯƠNG HƯỚNG, ĐỀ XUẤT, KIẾN NGHỊ"),
        *_paragraphs(report.proposals, "(Chưa có nội dung.)"),
        *_subordinates(figures),
    ]
    return _report_document(report, f"Kết quả công tác bảo vệ bí mật nhà nước năm {report.year}", body)


def report_pdf(report: PeriodicReport) -> bytes:
    from bmnn.documents.administrative import render_pdf

    return render_pdf(report_document(report))


def report_docx(report: PeriodicReport) -> bytes:
    from bmnn.documents.administrative import render_docx

    return render_docx(report_document(report))


def file_stem(report: PeriodicReport) -> str:
    """The name, without extension, of a report's printed copy or package."""
    return f"bao-cao-bmnn-{report.year}-{report.organisation.symbol or report.organisation.pk}"


def summary_document(report: SummaryReport) -> AdminDocument:
    """Build the printable five-year summary: each year's figures and the period's total (R41)."""
    unit, figures = report.organisation, report.figures
    years = figures.get("years", [])
    keys = [r["key"] for r in registry_table({})]
    by_year = [{r["key"]: r["total"] for r in registry_table(y["total"])} for y in years]
    total = {r["key"]: r for r in registry_table(figures.get("total", {}))}
    rows = [[total[k]["label"], *[str(y[k]) for y in by_year], str(total[k]["total"])] for k in keys]
    body: list[Any] = [
        Paragraph(
            f"{unit.name} báo cáo tổng kết công tác bảo vệ bí mật nhà nước giai đoạn {report.first_year}–"
            f"{report.last_year} (số liệu từ ngày {report.window_start:%d/%m/%Y} đến ngày "
            f"{report.window_end:%d/%m/%Y}) như sau:"
        ),
        Heading("I. ĐÁNH GIÁ TỔNG KẾT"),
        *_paragraphs(report.assessment, "(Chưa có nội dung.)"),
        Heading("II. SỐ LIỆU QUA CÁC NĂM"),
        Table(
            header=["Nội dung", *[str(y["year"]) for y in years], "Cả giai đoạn"],
            rows=rows,
            widths=[60, *[14] * len(years), 18],
            size=11,
        ),
    ]
    tables = {s["key"]: s for s in section_tables(figures.get("total", {}))}
    for number, key in enumerate(("tasks", "inspections", "training", "devices", "incidents"), 1):
        body += [
            Paragraph(f"{number}. {tables[key]['title']} (cả giai đoạn):", bold=True, indent=False),
            _section_table(tables[key]),
        ]
    body += [Heading("III. PHƯƠNG HƯỚNG, ĐỀ XUẤT, KIẾN NGHỊ"), *_paragraphs(report.proposals, "(Chưa có nội dung.)")]
    title = f"Tổng kết công tác bảo vệ bí mật nhà nước giai đoạn {report.first_year}–{report.last_year}"
    return _report_document(report, title, body)


def _report_document(report: Any, title: str, body: list[Any]) -> AdminDocument:
    """A report as the unit sends it: its header, number and date, "kính gửi", signer; a draft until signed."""
    unit, signer = report.organisation, report.submitted_by
    return AdminDocument(
        agency=unit.name,
        superior=unit.parent.name if unit.parent is not None else "",
        kind="BÁO CÁO",
        title=title,
        number=f"/BC-{unit.symbol}" if unit.symbol else "",
        date=clock.local_date(report.submitted_at or clock.now()),
        body=body,
        kinh_gui=[report.recipient.name] if report.recipient else [],
        recipients=["Như trên;", "Lưu: VT."],
        signer_title=(getattr(signer, "title", "") or "THỦ TRƯỞNG ĐƠN VỊ").upper(),
        signer_name=signer.get_full_name() if signer else "",
        circulation="" if report.is_submitted else "DỰ THẢO",
    )


def summary_file(report: SummaryReport, fmt: str) -> tuple[bytes, str, str]:
    """The summary's printed copy: (content, file name, MIME type), as PDF or DOCX."""
    from bmnn.documents.administrative import render_docx, render_pdf

    unit = report.organisation.symbol or report.organisation.pk
    stem = f"bao-cao-tong-ket-bmnn-{report.first_year}-{report.last_year}-{unit}"
    if fmt == "docx":
        return (
            render_docx(summary_document(report)),
            stem + ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    return render_pdf(summary_document(report)), stem + ".pdf", "application/pdf"

"""Periodic reports' operations (R41, R42, P5): build, refresh, write, sign and send, export and import packages.

Each is declared once; its screen, REST endpoint, command and offer on the report's page come from here.
"""

from __future__ import annotations

from typing import Any

from bmnn.core.errors import DomainError
from bmnn.core.operations import Download, Operation, Subject

from . import api, selectors, services, summary
from . import forms as f
from .models import PeriodicReport
from .policies import agency_of
from .printing import file_stem, summary_file
from .serializers import ImportedSerializer, ReportSerializer

REPORT = Subject(
    "report",
    selectors.report_get_for_user,
    page="reports:detail",
    api="reports",
    web="bao-cao",
    present=lambda r: ReportSerializer(r).data,
)
TRUSTED_KEY = Subject(
    "trusted-key",
    selectors.trusted_key_get_for_user,
    page="admin:reports_trustedkey_change",
    api="trusted-keys",
    web="khoa-tin-cay",
    present=lambda k: {
        "id": k.pk,
        "organisation": str(k.organisation),
        "public_key": k.public_key,
        "label": k.label,
        "revoked_at": k.revoked_at,
    },
)
IMPORTED = Subject(
    "imported-report",
    selectors.imported_get_for_user,
    page="reports:imported",
    api="reports/packages",
    web="bao-cao/da-nhan",
    present=lambda r: ImportedSerializer(r).data,
)
SUMMARY = Subject(
    "summary-report",
    selectors.summary_get_for_user,
    page="reports:summary",
    api="summary-reports",
    web="bao-cao-tong-ket",
    present=lambda r: {
        "id": r.pk,
        "organisation": str(r.organisation),
        "first_year": r.first_year,
        "last_year": r.last_year,
        "window_start": r.window_start,
        "window_end": r.window_end,
        "due": r.due,
        "status": r.status,
        "assessment": r.assessment,
        "proposals": r.proposals,
        "figures": r.figures,
        "submitted_by": str(r.submitted_by or ""),
        "submitted_at": r.submitted_at,
    },
)


def _agency(actor: Any) -> Any:
    agency = agency_of(actor)
    if agency is None:
        raise DomainError("Tài khoản chưa thuộc đơn vị nào.", rule="R41")
    return agency


def _package(actor: Any, report: PeriodicReport, _data: dict[str, Any]) -> Download:
    return Download(services.package_export(actor=actor, report=report), file_stem(report) + ".zip", "application/zip")


OPERATIONS = [
    Operation(
        "report-build",
        "Lập báo cáo công tác bảo vệ BMNN",
        form=f.BuildForm,
        returns=REPORT,
        api="reports",
        web="bao-cao/lap",
        submit="Lập dự thảo",
        api_list=api.reports,
        check=lambda actor, _s: services.report_build_check(actor, agency_of(actor)),
        run=lambda actor, _s, data: services.report_build(actor=actor, unit=_agency(actor), year=data["year"]),
        done=lambda r: f"Đã lập dự thảo báo cáo năm {r.year}; số liệu lấy từ dữ liệu đến nay.",
    ),
    Operation(
        "report-refresh",
        "Tính lại số liệu",
        subject=REPORT,
        web="tinh-lai",
        api="refresh",
        check=lambda actor, r: services.report_build_check(actor, r.organisation, r),
        run=lambda actor, r, _d: services.report_build(actor=actor, unit=r.organisation, year=r.year),
        done="Đã tính lại số liệu từ dữ liệu hiện có.",
    ),
    Operation(
        "report-edit",
        "Nội dung báo cáo",
        form=f.TextForm,
        subject=REPORT,
        web="noi-dung",
        api="text",
        check=services.report_edit_check,
        submit="Lưu nội dung",
        run=lambda actor, r, data: services.report_edit(actor=actor, report=r, **data),
        done="Đã lưu nội dung báo cáo.",
    ),
    Operation(
        "report-submit",
        "Ký gửi báo cáo lên cấp trên",
        subject=REPORT,
        web="ky-gui",
        api="submit",
        check=services.report_submit_check,
        submit="Ký gửi",
        run=lambda actor, r, _d: services.report_submit(actor=actor, report=r),
        done="Đã ký gửi báo cáo lên cấp trên; số liệu đã chốt và nội dung đã khóa.",
    ),
    Operation(
        "report-package",
        "Xuất gói báo cáo ký số",
        subject=REPORT,
        web="goi-ky-so",
        api="package",
        check=services.package_export_check,
        submit="Tải gói ký số",
        run=_package,
        done="Đã xuất gói ký số.",
    ),
    Operation(
        "report-import",
        "Nhập gói báo cáo ký số của đơn vị cấp dưới",
        form=f.ImportForm,
        returns=IMPORTED,
        web="bao-cao/nhap-goi",
        api="reports/packages",
        submit="Kiểm tra chữ ký và nhập",
        check=lambda actor, _s: services.package_import_check(actor, agency_of(actor)),
        run=lambda actor, _s, data: services.package_import(
            actor=actor, recipient=_agency(actor), blob=data["package"].read()
        ),
        done=lambda i: f"Đã kiểm tra chữ ký số và nhập báo cáo năm {i.year} của {i.organisation.name}.",
    ),
    Operation(
        "trusted-key-register",
        "Đăng ký khóa công khai của đơn vị",
        form=f.TrustedKeyForm,
        returns=TRUSTED_KEY,
        web="khoa-tin-cay/dang-ky",
        api="trusted-keys",
        check=services.trusted_key_check,
        submit="Đăng ký",
        run=lambda actor, _s, data: services.trusted_key_register(actor=actor, **data),
        done=lambda k: f"Đã đăng ký khóa công khai của {k.organisation}.",
    ),
    Operation(
        "trusted-key-revoke",
        "Thu hồi khóa công khai",
        subject=TRUSTED_KEY,
        web="thu-hoi",
        api="revoke",
        check=services.trusted_key_revoke_check,
        submit="Thu hồi",
        run=lambda actor, key, _d: services.trusted_key_revoke(actor=actor, key=key),
        done="Đã thu hồi khóa; các gói ký bằng khóa này sẽ bị từ chối.",
    ),
    # R41: the five-year summary, from the same roll-up year by year.
    Operation(
        "summary-build",
        "Lập báo cáo tổng kết 5 năm công tác bảo vệ BMNN",
        form=f.SummaryBuildForm,
        returns=SUMMARY,
        web="bao-cao-tong-ket/lap",
        api="summary-reports",
        submit="Lập dự thảo",
        check=lambda actor, _s: summary.summary_build_check(actor, agency_of(actor)),
        run=lambda actor, _s, data: summary.summary_build(actor=actor, unit=_agency(actor), **data),
        done=lambda r: f"Đã lập dự thảo báo cáo tổng kết giai đoạn {r.first_year}–{r.last_year}.",
    ),
    Operation(
        "summary-refresh",
        "Tính lại số liệu báo cáo tổng kết",
        subject=SUMMARY,
        web="tinh-lai",
        api="refresh",
        check=lambda actor, r: summary.summary_build_check(actor, r.organisation, r),
        run=lambda actor, r, _d: summary.summary_build(actor=actor, unit=r.organisation, last_year=r.last_year),
        done="Đã tính lại số liệu từ dữ liệu hiện có.",
    ),
    Operation(
        "summary-edit",
        "Nội dung báo cáo tổng kết",
        form=f.SummaryTextForm,
        subject=SUMMARY,
        web="noi-dung",
        api="text",
        check=summary.summary_edit_check,
        submit="Lưu nội dung",
        run=lambda actor, r, data: summary.summary_edit(actor=actor, report=r, **data),
        done="Đã lưu nội dung báo cáo tổng kết.",
    ),
    Operation(
        "summary-submit",
        "Ký gửi báo cáo tổng kết lên cấp trên",
        subject=SUMMARY,
        web="ky-gui",
        api="submit",
        check=summary.summary_submit_check,
        submit="Ký gửi",
        run=lambda actor, r, _d: summary.summary_submit(actor=actor, report=r),
        done="Đã ký gửi báo cáo tổng kết; số liệu đã chốt và nội dung đã khóa.",
    ),
    Operation(
        "summary-print",
        "In báo cáo tổng kết",
        form=f.PrintForm,
        subject=SUMMARY,
        web="in",
        api="print",
        submit="Tải bản in",
        done="Đã tạo bản in.",
        run=lambda _actor, r, data: Download(*summary_file(r, data.get("fmt") or "pdf")),
    ),
]

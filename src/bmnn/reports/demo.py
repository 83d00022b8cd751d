"""Demo annual reports, created through the services: the 2025 round went up the tree (a school to the
department, the department to the provincial police as a signed package); 2026 is being prepared, and so is
the department's five-year summary 2022–2026 (R41)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from bmnn.audit.checkpoint import public_key_b64
from bmnn.core import clock
from bmnn.org.models import Organisation, Person

from . import services, summary

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

SCHOOL_TEXTS = {
    "situation": "Nhà trường quán triệt Luật Bảo vệ bí mật nhà nước đến toàn thể cán bộ, giáo viên; đề thi, "
    "đáp án được quản lý theo sổ đăng ký.",
    "results": "Thực hiện đúng quy trình nhận, lưu giữ và bàn giao đề thi; tự kiểm tra một lần trong năm.\n"
    "Hạn chế: máy tính soạn thảo chưa tách hẳn khỏi mạng Internet, đã khắc phục.",
    "proposals": "Đề nghị Sở tổ chức tập huấn nghiệp vụ cho văn thư các trường vào quý I.",
}
DEPT_TEXTS = {
    "situation": "Công tác bảo vệ BMNN của ngành được triển khai đồng bộ; các kỳ thi diễn ra an toàn, "
    "không để lộ, lọt đề thi.",
    "results": "Ban hành kế hoạch bảo vệ BMNN năm 2025, giao nhiệm vụ cho các phòng và trường trực thuộc; "
    "tổ chức tự kiểm tra tại Văn phòng Sở và Phòng Khảo thí.\n"
    "Hạn chế: một số đơn vị gửi báo cáo chậm.",
    "proposals": "Năm 2026 tiếp tục kiểm tra thiết bị, máy tính soạn thảo BMNN; đề nghị Công an tỉnh hỗ trợ "
    "tập huấn cho cán bộ mới.",
}
SUMMARY_TEXT = (
    "Giai đoạn 2022–2026, ngành giáo dục tỉnh không để xảy ra lộ, mất đề thi; sổ sách BMNN được số "
    "hóa từ năm 2025; cán bộ làm công tác BMNN được tập huấn hằng năm."
)


def _at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=TZ)


def _submit(unit: Organisation, head: Person, year: int, texts: dict[str, str], when: dt.datetime) -> None:
    with clock.frozen_at(when):
        report = services.report_build(actor=head, unit=unit, year=year)
        services.report_edit(actor=head, report=report, **texts)
        services.report_submit(actor=head, report=report)


def load(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    _submit(orgs["lqd"], people["hieutruong"], 2025, SCHOOL_TEXTS, _at(2025, 12, 16))
    _submit(orgs["dept"], people["giamdoc"], 2025, DEPT_TEXTS, _at(2025, 12, 19))
    admin = Person.objects.filter(is_superuser=True).first()
    if admin is not None:
        with clock.frozen_at(_at(2025, 12, 19, 15)):
            services.trusted_key_register(
                actor=admin,
                organisation=orgs["dept"],
                public_key=public_key_b64(),
                label=_("Key of the Department of Education and Training system (handed over on 10/01/2025)"),
            )
            report = orgs["dept"].periodic_reports.get(year=2025)
            blob = services.package_export(actor=people["giamdoc"], report=report)
        with clock.frozen_at(_at(2025, 12, 20, 8)):
            services.package_import(actor=people["canbocongan"], recipient=orgs["police"], blob=blob)
            services.report_build(actor=people["canbocongan"], unit=orgs["police"], year=2025)
    with clock.frozen_at(_at(2026, 11, 2)):
        report = services.report_build(actor=people["hieutruong"], unit=orgs["lqd"], year=2026)
        services.report_edit(actor=people["hieutruong"], report=report, situation=SCHOOL_TEXTS["situation"])
        services.report_build(actor=people["giamdoc"], unit=orgs["dept"], year=2026)
    with clock.frozen_at(_at(2026, 11, 20)):  # R41: the five-year summary 2022–2026 in draft
        five_years = summary.summary_build(actor=people["vanthu"], unit=orgs["dept"], last_year=2026)
        summary.summary_edit(actor=people["vanthu"], report=five_years, assessment=SUMMARY_TEXT)


def refresh(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    """Recount the department's drafts once the last demo records exist, as its "Tính lại số liệu" does (R41)."""
    with clock.frozen_at(_at(2026, 11, 30, 17)):
        services.report_build(actor=people["giamdoc"], unit=orgs["dept"], year=2026)
        summary.summary_build(actor=people["vanthu"], unit=orgs["dept"], last_year=2026)

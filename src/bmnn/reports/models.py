"""Periodic reports (R41, R42, P5): the dated schedule, the reports, trusted keys and imported packages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.core.roles import OrgKind
from bmnn.org.models import Organisation

PERSON = settings.AUTH_USER_MODEL


class ReportSchedule(models.Model):
    """The annual report's data window, deadline and recipient (R41), in force from ``effective_from``.

    Never edited once in force: Decree 63/2026 may move these dates, so a change is a new row.
    """

    effective_from = models.DateField(_("có hiệu lực từ"), unique=True)
    window_start_day = models.PositiveSmallIntegerField(_("ngày bắt đầu kỳ số liệu"))
    window_start_month = models.PositiveSmallIntegerField(_("tháng bắt đầu kỳ số liệu (năm trước)"))
    window_end_day = models.PositiveSmallIntegerField(_("ngày kết thúc kỳ số liệu"))
    window_end_month = models.PositiveSmallIntegerField(_("tháng kết thúc kỳ số liệu"))
    due_day = models.PositiveSmallIntegerField(_("hạn gửi: ngày"))
    due_month = models.PositiveSmallIntegerField(_("hạn gửi: tháng"))
    recipient_kind = models.CharField(
        _("cơ quan nhận báo cáo của sở, ngành cấp tỉnh"),
        max_length=20,
        choices=OrgKind.choices,
        default=OrgKind.POLICE,
        help_text=_("Mặc định: Công an tỉnh."),
    )  # R41
    source = models.CharField(_("căn cứ"), max_length=200)
    # R41: the summary report covers this many years (five as shipped): data, not a constant.
    summary_years = models.PositiveSmallIntegerField(_("số năm của kỳ báo cáo tổng kết"), default=5)
    status_note = models.CharField(_("tình trạng nguồn"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("lịch báo cáo định kỳ")
        verbose_name_plural = _("lịch báo cáo định kỳ")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return (
            f"Kỳ {self.window_start_day:02d}/{self.window_start_month:02d} năm trước – "
            f"{self.window_end_day:02d}/{self.window_end_month:02d}, hạn {self.due_day:02d}/{self.due_month:02d} "
            f"(từ {self.effective_from:%d/%m/%Y})"
        )


class ReportStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Dự thảo")
    SUBMITTED = "SUBMITTED", _("Đã gửi")


class ReportBody(models.Model):
    """What an annual report and a summary share: the window, the recipient, the figures, who built and sent it.

    While a draft the figures are recomputed from the data; once submitted they freeze and the texts lock.
    """

    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    due = models.DateField(_("hạn gửi"))
    recipient = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nơi nhận")
    )
    status = models.CharField(_("tình trạng"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    figures = models.JSONField(_("số liệu"), default=dict)
    figures_at = models.DateTimeField(_("số liệu tính lúc"))
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người ký gửi")
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED


class PeriodicReport(ReportBody):
    """A unit's annual report on state-secret protection (R41): figures (R42) and the four sections a–d.

    While a draft the figures are recomputed from the data; once submitted the texts are locked and
    ``figures`` is the frozen snapshot the superior aggregates (P5).
    """

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="periodic_reports", verbose_name=_("đơn vị báo cáo")
    )
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    situation = models.TextField(_("a) Đánh giá tình hình"), max_length=TEXT_MAX, blank=True)
    results = models.TextField(
        _("b) Kết quả, ưu điểm, hạn chế, nguyên nhân, bài học kinh nghiệm"), max_length=TEXT_MAX, blank=True
    )
    incidents_text = models.TextField(
        _("c) Tình hình lộ, mất BMNN: nguyên nhân, xử lý, khắc phục"), max_length=TEXT_MAX, blank=True
    )
    proposals = models.TextField(_("d) Dự báo, phương hướng, đề xuất, kiến nghị"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-year", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_report_per_unit_year")]

    def __str__(self) -> str:
        return f"Báo cáo công tác bảo vệ BMNN năm {self.year} – {self.organisation}"


class SummaryReport(ReportBody):
    """A unit's five-year summary report (R41): the annual roll-up of each year of the period, and its texts.

    Each year's figures are the submitted annual report's frozen figures when there is one, otherwise the
    same roll-up computed from the data; once submitted the texts lock and the figures freeze.
    """

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="summary_reports", verbose_name=_("đơn vị báo cáo")
    )
    first_year = models.PositiveSmallIntegerField(_("từ năm"))
    last_year = models.PositiveSmallIntegerField(_("đến năm"))
    assessment = models.TextField(_("Đánh giá tổng kết công tác bảo vệ BMNN trong kỳ"), max_length=TEXT_MAX, blank=True)
    proposals = models.TextField(_("Phương hướng, đề xuất, kiến nghị cho kỳ tới"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("báo cáo tổng kết")
        verbose_name_plural = _("báo cáo tổng kết")
        ordering = ["-last_year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "last_year"], name="one_summary_per_unit_period")
        ]

    def __str__(self) -> str:
        return (
            f"Báo cáo tổng kết công tác bảo vệ BMNN giai đoạn {self.first_year}–{self.last_year} – {self.organisation}"
        )


class TrustedKey(models.Model):
    """A unit's Ed25519 public key, registered by an administrator to verify its signed packages (P5)."""

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="trusted_keys", verbose_name=_("đơn vị")
    )
    public_key = models.CharField(_("khóa công khai (Ed25519, base64)"), max_length=64)
    label = models.CharField(_("ghi chú"), max_length=200, blank=True)
    registered_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa công khai tin cậy")
        verbose_name_plural = _("khóa công khai tin cậy")
        ordering = ["organisation__name", "-registered_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "public_key"], name="one_key_per_unit")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.public_key[:12]}…"


class ImportedReport(models.Model):
    """A subordinate's report received as a signed package from another installation (P5).

    Stored only after the signature verified against the sender's trusted key.
    """

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="imported_reports", verbose_name=_("đơn vị gửi")
    )
    recipient = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("đơn vị nhận"))
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    data = models.JSONField(_("nội dung báo cáo"))
    data_sha256 = models.CharField(max_length=64)
    signature = models.CharField(_("chữ ký"), max_length=120)
    pdf = models.BinaryField(_("bản in PDF"))
    key = models.ForeignKey(TrustedKey, models.PROTECT, related_name="+", verbose_name=_("khóa đã kiểm tra"))
    imported_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = _("báo cáo nhận qua gói ký số")
        verbose_name_plural = _("báo cáo nhận qua gói ký số")
        ordering = ["-year", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_import_per_unit_year")]

    def __str__(self) -> str:
        return f"Báo cáo năm {self.year} – {self.organisation} (gói ký số)"

    @property
    def figures(self) -> dict:
        return self.data.get("figures", {})

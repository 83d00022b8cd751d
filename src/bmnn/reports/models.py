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

    effective_from = models.DateField(_("in force from"), unique=True)
    window_start_day = models.PositiveSmallIntegerField(_("data window start day"))
    window_start_month = models.PositiveSmallIntegerField(_("data window start month (previous year)"))
    window_end_day = models.PositiveSmallIntegerField(_("data window end day"))
    window_end_month = models.PositiveSmallIntegerField(_("data window end month"))
    due_day = models.PositiveSmallIntegerField(_("submission deadline: day"))
    due_month = models.PositiveSmallIntegerField(_("submission deadline: month"))
    recipient_kind = models.CharField(
        _("agency receiving the reports of provincial departments and sectors"),
        max_length=20,
        choices=OrgKind.choices,
        default=OrgKind.POLICE,
        help_text=_("Default: the provincial police."),
    )  # R41
    source = models.CharField(_("legal basis of the schedule"), max_length=200)
    # R41: the summary report covers this many years (five as shipped): data, not a constant.
    summary_years = models.PositiveSmallIntegerField(_("number of years in a summary report period"), default=5)
    status_note = models.CharField(_("source status"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("periodic report schedule")
        verbose_name_plural = _("periodic report schedule")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return (
            f"Kỳ {self.window_start_day:02d}/{self.window_start_month:02d} năm trước – "
            f"{self.window_end_day:02d}/{self.window_end_month:02d}, hạn {self.due_day:02d}/{self.due_month:02d} "
            f"(từ {self.effective_from:%d/%m/%Y})"
        )


class ReportStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Report draft")
    SUBMITTED = "SUBMITTED", _("Report submitted")


class ReportBody(models.Model):
    """What an annual report and a summary share: the window, the recipient, the figures, who built and sent it.

    While a draft the figures are recomputed from the data; once submitted they freeze and the texts lock.
    """

    window_start = models.DateField(_("data from"))
    window_end = models.DateField(_("data until"))
    due = models.DateField(_("submission deadline"))
    recipient = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("report recipient")
    )
    status = models.CharField(
        _("report status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    figures = models.JSONField(_("report figures"), default=dict)
    figures_at = models.DateTimeField(_("figures computed at"))
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

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
        Organisation, models.PROTECT, related_name="periodic_reports", verbose_name=_("reporting unit")
    )
    year = models.PositiveSmallIntegerField(_("report year"))
    situation = models.TextField(_("a) Assessment of the situation"), max_length=TEXT_MAX, blank=True)
    results = models.TextField(
        _("b) Results, strengths, limitations, causes, lessons learned"), max_length=TEXT_MAX, blank=True
    )
    incidents_text = models.TextField(
        _("c) Disclosures and losses of state secrets: causes, handling, remedy"), max_length=TEXT_MAX, blank=True
    )
    proposals = models.TextField(
        _("d) Outlook, direction, proposals, recommendations"), max_length=TEXT_MAX, blank=True
    )

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic report")
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
        Organisation, models.PROTECT, related_name="summary_reports", verbose_name=_("reporting unit")
    )
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("to year"))
    assessment = models.TextField(
        _("Summary assessment of state secret protection work in the period"), max_length=TEXT_MAX, blank=True
    )
    proposals = models.TextField(
        _("Direction, proposals and recommendations for the next period"), max_length=TEXT_MAX, blank=True
    )

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary report")
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

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="trusted_keys", verbose_name=_("unit"))
    public_key = models.CharField(_("public key (Ed25519, base64)"), max_length=64)
    label = models.CharField(_("notes"), max_length=200, blank=True)
    registered_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("trusted public key")
        verbose_name_plural = _("trusted public key")
        ordering = ["organisation__name", "-registered_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "public_key"], name="one_key_per_unit")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.public_key[:12]}…"


class ImportedReport(models.Model):
    """A subordinate's report received as a signed package from another installation (P5).

    Stored only after the signature verified against the sender's trusted key.
    """

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="imported_reports", verbose_name=_("sending unit")
    )
    recipient = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("receiving unit"))
    year = models.PositiveSmallIntegerField(_("report year"))
    data = models.JSONField(_("report content"))
    data_sha256 = models.CharField(max_length=64)
    signature = models.CharField(_("signature"), max_length=120)
    pdf = models.BinaryField(_("PDF print"))
    key = models.ForeignKey(TrustedKey, models.PROTECT, related_name="+", verbose_name=_("verified key"))
    imported_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = _("report received in a signed package")
        verbose_name_plural = _("report received in a signed package")
        ordering = ["-year", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_import_per_unit_year")]

    def __str__(self) -> str:
        return f"Báo cáo năm {self.year} – {self.organisation} (gói ký số)"

    @property
    def figures(self) -> dict:
        return self.data.get("figures", {})

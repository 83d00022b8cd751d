"""Versioned legal parameters. A change is a new row with an effective date, never an edit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX
from bmnn.core.roles import Operation, OrgKind, Position


class ProtectionPeriod(models.Model):
    """Base protection period per level (R6), in force from ``effective_from``."""

    level = models.CharField(_("độ mật"), max_length=10, choices=Level.choices)
    years = models.PositiveSmallIntegerField(_("số năm"))
    effective_from = models.DateField(_("có hiệu lực từ"))
    source = models.CharField(_("căn cứ"), max_length=200)
    status_note = models.CharField(
        _("tình trạng nguồn"), max_length=20, blank=True, help_text=_("[C], [O], [D] hoặc [U] theo RULES.md")
    )

    class Meta:
        verbose_name = _("thời hạn bảo vệ")
        verbose_name_plural = _("thời hạn bảo vệ")
        ordering = ["level", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["level", "effective_from"], name="one_period_per_day")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.years} năm (từ {self.effective_from:%d/%m/%Y})"


class EnvelopeLetter(models.Model):
    """The letter stamped on the envelope of a secret of each level (R22), in force from ``effective_from``."""

    level = models.CharField(_("độ mật"), max_length=10, choices=Level.choices)
    letter = models.CharField(_("dấu chữ trên bì"), max_length=1)
    effective_from = models.DateField(_("có hiệu lực từ"))
    source = models.CharField(_("căn cứ"), max_length=200)
    status_note = models.CharField(
        _("tình trạng nguồn"), max_length=20, blank=True, help_text=_("[C], [O], [D] hoặc [U] theo RULES.md")
    )

    class Meta:
        verbose_name = _("dấu chữ trên bì")
        verbose_name_plural = _("dấu chữ trên bì")
        ordering = ["level", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["level", "effective_from"], name="one_letter_per_day")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.letter} (từ {self.effective_from:%d/%m/%Y})"


class AuthorityTable(models.Model):
    """One version of the authority table (R12, R33, R34, R36), in force from ``effective_from``.

    Never edited once in force: a change of law is a new version with its own date, so
    past approvals are judged by the table of their day.
    """

    name = models.CharField(_("tên phiên bản"), max_length=200)
    effective_from = models.DateField(_("có hiệu lực từ"), unique=True)
    source = models.TextField(_("căn cứ"), max_length=TEXT_MAX)
    unverified = models.BooleanField(_("chưa xác minh với văn bản chính thức"), default=True)

    class Meta:
        verbose_name = _("bảng thẩm quyền")
        verbose_name_plural = _("bảng thẩm quyền")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} (từ {self.effective_from:%d/%m/%Y})"


class AuthorityRule(models.Model):
    """A position in a kind of organisation may approve an operation up to a level."""

    table = models.ForeignKey(AuthorityTable, models.CASCADE, related_name="rules")
    operation = models.CharField(_("thao tác"), max_length=20, choices=Operation.choices)
    position = models.CharField(_("chức vụ"), max_length=20, choices=Position.choices)
    org_kind = models.CharField(_("loại cơ quan, đơn vị"), max_length=20, choices=OrgKind.choices)
    max_level = models.CharField(_("đến độ mật"), max_length=10, choices=Level.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quy tắc thẩm quyền")
        verbose_name_plural = _("quy tắc thẩm quyền")
        ordering = ["operation", "org_kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "operation", "position", "org_kind"], name="one_rule_per_position")
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_operation_display()}: {self.get_position_display()} "
            f"({self.get_org_kind_display()}) đến {self.get_max_level_display()}"
        )


class Duration(models.Model):
    """A lead time, notice deadline or limit in days, in force from ``effective_from`` (R7, R10, R11, R26)."""

    class Key(models.TextChoices):
        EXTENSION_DECISION_LEAD = "EXTENSION_DECISION_LEAD", _("Quyết định gia hạn trước khi hết hạn (ngày)")
        EXTENSION_ALERT_LEAD = "EXTENSION_ALERT_LEAD", _("Bắt đầu nhắc gia hạn trước hạn quyết định (ngày)")
        NOTICE_DAYS = "NOTICE_DAYS", _("Hạn gửi thông báo bằng văn bản (ngày)")
        NOTICE_ALERT_DAY = "NOTICE_ALERT_DAY", _("Nhắc gửi thông báo vào ngày thứ")
        RECALL_ALERT_LEAD = "RECALL_ALERT_LEAD", _("Nhắc trả tài liệu thu hồi trước hạn (ngày)")
        TAKEOUT_ALERT_LEAD = "TAKEOUT_ALERT_LEAD", _("Nhắc trả tài liệu mang ra trước hạn (ngày)")
        MAX_EXTENSIONS = "MAX_EXTENSIONS", _("Số lần gia hạn tối đa (0 = không giới hạn)")
        INCIDENT_REPORT_DAYS = "INCIDENT_REPORT_DAYS", _("Hạn báo cáo đột xuất sự cố sau khi phát hiện (ngày)")

    key = models.CharField(_("tham số"), max_length=30, choices=Key.choices)
    days = models.PositiveIntegerField(_("giá trị"))
    effective_from = models.DateField(_("có hiệu lực từ"))
    source = models.CharField(_("căn cứ"), max_length=200)

    class Meta:
        verbose_name = _("thời hạn, tham số ngày")
        verbose_name_plural = _("thời hạn, tham số ngày")
        ordering = ["key", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["key", "effective_from"], name="one_duration_per_day")]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.days}"

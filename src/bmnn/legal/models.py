"""Versioned legal parameters. A change is a new row with an effective date, never an edit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX
from bmnn.core.roles import Operation, OrgKind, Position


class ProtectionPeriod(models.Model):
    """Base protection period per level (R6), in force from ``effective_from``."""

    level = models.CharField(_("classification level"), max_length=10, choices=Level.choices)
    years = models.PositiveSmallIntegerField(_("number of years"))
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("legal source"), max_length=200)
    status_note = models.CharField(
        _("source status"), max_length=20, blank=True, help_text=_("[C], [O], [D] or [U] as in RULES.md")
    )

    class Meta:
        verbose_name = _("protection period")
        verbose_name_plural = _("protection period")
        ordering = ["level", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["level", "effective_from"], name="one_period_per_day")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.years} năm (từ {self.effective_from:%d/%m/%Y})"


class EnvelopeLetter(models.Model):
    """The letter stamped on the envelope of a secret of each level (R22), in force from ``effective_from``."""

    level = models.CharField(_("classification level"), max_length=10, choices=Level.choices)
    letter = models.CharField(_("envelope letter mark"), max_length=1)
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("legal source"), max_length=200)
    status_note = models.CharField(
        _("source status"), max_length=20, blank=True, help_text=_("[C], [O], [D] or [U] as in RULES.md")
    )

    class Meta:
        verbose_name = _("envelope letter mark")
        verbose_name_plural = _("envelope letter mark")
        ordering = ["level", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["level", "effective_from"], name="one_letter_per_day")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.letter} (từ {self.effective_from:%d/%m/%Y})"


class AuthorityTable(models.Model):
    """One version of the authority table (R12, R33, R34, R36), in force from ``effective_from``.

    Never edited once in force: a change of law is a new version with its own date, so
    past approvals are judged by the table of their day.
    """

    name = models.CharField(_("table version name"), max_length=200)
    effective_from = models.DateField(_("in force from"), unique=True)
    source = models.TextField(_("legal source"), max_length=TEXT_MAX)
    unverified = models.BooleanField(_("not verified against the official text"), default=True)

    class Meta:
        verbose_name = _("authority table")
        verbose_name_plural = _("authority table")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} (từ {self.effective_from:%d/%m/%Y})"


class AuthorityRule(models.Model):
    """A position in a kind of organisation may approve an operation up to a level."""

    table = models.ForeignKey(AuthorityTable, models.CASCADE, related_name="rules")
    operation = models.CharField(_("authority action"), max_length=20, choices=Operation.choices)
    position = models.CharField(_("authority position"), max_length=20, choices=Position.choices)
    org_kind = models.CharField(_("kind of agency or unit"), max_length=20, choices=OrgKind.choices)
    max_level = models.CharField(_("up to classification level"), max_length=10, choices=Level.choices)
    note = models.CharField(_("authority rule note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("authority rule")
        verbose_name_plural = _("authority rule")
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
        EXTENSION_DECISION_LEAD = "EXTENSION_DECISION_LEAD", _("Decide an extension before expiry (days)")
        EXTENSION_ALERT_LEAD = (
            "EXTENSION_ALERT_LEAD",
            _("Start extension reminders before the decision deadline (days)"),
        )
        NOTICE_DAYS = "NOTICE_DAYS", _("Deadline for sending the written notice (days)")
        NOTICE_ALERT_DAY = "NOTICE_ALERT_DAY", _("Remind to send the notice on day")
        RECALL_ALERT_LEAD = "RECALL_ALERT_LEAD", _("Remind to return recalled documents before the deadline (days)")
        TAKEOUT_ALERT_LEAD = "TAKEOUT_ALERT_LEAD", _("Remind to return documents taken out before the deadline (days)")
        MAX_EXTENSIONS = "MAX_EXTENSIONS", _("Maximum number of extensions (0 = unlimited)")
        INCIDENT_REPORT_DAYS = (
            "INCIDENT_REPORT_DAYS",
            _("Deadline for the ad-hoc incident report after discovery (days)"),
        )

    key = models.CharField(_("deadline parameter"), max_length=30, choices=Key.choices)
    days = models.PositiveIntegerField(_("parameter value"))
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("legal source"), max_length=200)

    class Meta:
        verbose_name = _("deadline or day parameter")
        verbose_name_plural = _("deadline or day parameter")
        ordering = ["key", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["key", "effective_from"], name="one_duration_per_day")]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.days}"

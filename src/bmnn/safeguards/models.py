"""Follow-up of incidents (R40), staff commitments and training (P4, R38, R39), the device register (P3, R29, R31).

The incident itself is ``bmnn.registry.models.Incident``: one record, read by the lifecycle guards
("no destruction under an open incident") and also opened by a receipt mismatch (R25). This app
adds what follows an incident: the ad-hoc report and the remedies.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import TEXT_MAX
from bmnn.org.models import Organisation, Person
from bmnn.registry.models import Incident

from .choices import (
    CommitmentKind,
    Connection,
    DeviceKind,
    DeviceOrigin,
    DeviceStatus,
    FindingStatus,
    InspectionResult,
    OffboardingStatus,
    SanitisationMethod,
)

PERSON = settings.AUTH_USER_MODEL


class IncidentReport(models.Model):
    """The ad-hoc report (báo cáo đột xuất) of an incident, made the day it is recorded (R40).

    Addressed to the head of the unit's agency and to its superior unit; both see it in their queue.
    """

    incident = models.OneToOneField(Incident, models.PROTECT, related_name="adhoc_report")
    created_at = models.DateTimeField(_("ad hoc report drawn up at"))
    due_on = models.DateField(_("report deadline"))
    to_head = models.ForeignKey(
        PERSON, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sent to the head")
    )
    to_superior = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent to the superior agency"),
    )
    body = models.TextField(_("report content"), max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("ad hoc report")
        verbose_name_plural = _("ad hoc report")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Báo cáo đột xuất về {self.incident}"


class Remedy(models.Model):
    """One remedial action after an incident, with an owner and a due date, followed until done (R40)."""

    incident = models.ForeignKey(Incident, models.PROTECT, related_name="remedies")
    action = models.TextField(_("remedial measure"), max_length=TEXT_MAX)
    owner = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("remedy owner"))
    due_on = models.DateField(_("completion deadline"))
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    result = models.TextField(_("remedial measure result"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("remedial measure")
        verbose_name_plural = _("remedial measure")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.action[:80]


class Commitment(models.Model):
    """A written commitment to protect state secrets, signed at appointment or on leaving (P4, R39)."""

    person = models.ForeignKey(PERSON, models.PROTECT, related_name="commitments", verbose_name=_("staff member"))
    kind = models.CharField(_("commitment type"), max_length=12, choices=CommitmentKind.choices)
    signed_on = models.DateField(_("signing date"))
    scan = models.FileField(_("scan of the signed commitment"), upload_to="safeguards/commitments/%Y/")
    note = models.CharField(_("notes"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitment")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.person}"


class TrainingSession(models.Model):
    """A training or dissemination session on protecting state secrets (P4)."""

    unit = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("organising unit"))
    title = models.CharField(_("training content"), max_length=300)
    held_on = models.DateField(_("training date"))
    trainer = models.CharField(_("speakers, partner units"), max_length=200, blank=True)
    place = models.CharField(_("venue"), max_length=200, blank=True)
    attendees: models.ManyToManyField[Person, Attendance] = models.ManyToManyField(
        PERSON, through="Attendance", related_name="trainings"
    )
    recorded_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training session")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Attendance(models.Model):
    """One person's attendance at one training session (P4)."""

    session = models.ForeignKey(TrainingSession, models.CASCADE, related_name="attendance")
    person = models.ForeignKey(PERSON, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("training attendees")
        verbose_name_plural = _("training attendees")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"


class Offboarding(models.Model):
    """Leaving secret work: completes only when nothing is held and a leaving commitment is on file (R39)."""

    person = models.ForeignKey(PERSON, models.PROTECT, related_name="offboardings", verbose_name=_("staff member"))
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("procedure status"), max_length=10, choices=OffboardingStatus.choices, default=OffboardingStatus.OPEN
    )
    started_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    completed_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("procedure for leaving state secret protection work")
        verbose_name_plural = _("procedure for leaving state secret protection work")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=models.Q(status="OPEN"), name="one_open_offboarding")
        ]

    def __str__(self) -> str:
        return f"Thôi làm công tác BMNN – {self.person}"


class Device(models.Model):
    """A computer, printer, copier or removable medium of a unit (P3).

    ``needs_wipe`` is set once the device is used for secrets and cleared only by a recorded wipe
    or destruction (R31). A device connected to the Internet is never used for secrets (R29):
    a database constraint, not only a form check.
    """

    unit = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("managing unit"))
    kind = models.CharField(_("device type"), max_length=12, choices=DeviceKind.choices)
    name = models.CharField(_("device name, brand"), max_length=200)
    serial = models.CharField(_("model number, serial number"), max_length=100, blank=True)
    location = models.CharField(_("location, user"), max_length=200, blank=True)
    connection = models.CharField(_("network connection"), max_length=12, choices=Connection.choices)
    origin = models.CharField(
        _("device origin"), max_length=12, choices=DeviceOrigin.choices, default=DeviceOrigin.PURCHASED
    )
    origin_note = models.CharField(_("origin note (donating or sponsoring unit)"), max_length=200, blank=True)
    used_for_secrets = models.BooleanField(_("used for state secrets"), default=False)
    needs_wipe = models.BooleanField(_("has stored state secrets, not yet wiped"), default=False)
    status = models.CharField(
        _("device status"), max_length=10, choices=DeviceStatus.choices, default=DeviceStatus.IN_USE
    )
    registered_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("device register")
        ordering = ["unit__name", "kind", "name"]
        constraints = [
            # R29: never a secret on an Internet-connected device, in storage too.
            models.CheckConstraint(
                condition=~models.Q(connection="INTERNET", used_for_secrets=True), name="no_secrets_on_internet_device"
            ),
        ]

    def __str__(self) -> str:
        return self.name + (f" ({self.serial})" if self.serial else "")


class DeviceInspection(models.Model):
    """A security inspection of a device before use, gifted and sponsored equipment included (P3)."""

    device = models.ForeignKey(Device, models.PROTECT, related_name="inspections")
    inspected_on = models.DateField(_("inspection date"))
    inspector = models.CharField(_("inspecting person or unit"), max_length=200)
    result = models.CharField(_("inspection result"), max_length=8, choices=InspectionResult.choices)
    note = models.TextField(_("notes"), max_length=TEXT_MAX, blank=True)
    recorded_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("device security inspection")
        verbose_name_plural = _("device security inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.device} – {self.get_result_display()} ({self.inspected_on:%d/%m/%Y})"


class DeviceSanitisation(models.Model):
    """A wipe or destruction of a device's storage before reuse or disposal (R31)."""

    device = models.ForeignKey(Device, models.PROTECT, related_name="sanitisations")
    method = models.CharField(_("measure"), max_length=8, choices=SanitisationMethod.choices)
    done_on = models.DateField(_("date carried out"))
    performed_by = models.CharField(_("performed by"), max_length=200)
    note = models.TextField(_("notes"), max_length=TEXT_MAX, blank=True)
    recorded_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("device data wiping or destruction record")
        verbose_name_plural = _("device data wiping or destruction record")
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} – {self.device}"


class Sweep(models.Model):
    """A sweep: the results of many computers imported in one go, summed up per unit (P3, R29).

    ``summary`` keeps, per unit as it stood on the day, the counts and the devices singled out
    (Internet computers holding marked files, computers in use that brought back no result), so the
    result page says what the sweep found then, whatever the register says later. File paths are
    never copied here: they stay on the findings, shown through the visibility policy.
    """

    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    imported_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()
    files = models.PositiveIntegerField(_("number of result files"))
    summary = models.JSONField(_("totals by unit"), default=list)

    class Meta:
        verbose_name = _("scan sweep")
        verbose_name_plural = _("scan sweep")
        ordering = ["-imported_at", "-pk"]

    # Not stored: the summary as a reader may see it, set by selectors.sweep_units (S2).
    shown_units: list[Any]  # selectors.UnitSweep

    def __str__(self) -> str:
        return f"Đợt quét {self.imported_at:%d/%m/%Y %H:%M} – {self.files} máy"


class ScanImport(models.Model):
    """One import of `bmnn-scan --format jsonl` output against a device (P3)."""

    device = models.ForeignKey(Device, models.PROTECT, related_name="scans")
    sweep = models.ForeignKey(Sweep, models.PROTECT, null=True, blank=True, related_name="scans")
    filename = models.CharField(_("result file"), max_length=255)
    imported_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()
    lines = models.PositiveIntegerField(_("number of lines"))
    secret_count = models.PositiveIntegerField(_("number of files with secrecy marks"))
    clean_count = models.PositiveIntegerField(_("number of files without secrecy marks"))
    error_count = models.PositiveIntegerField(_("number of unreadable files"))

    class Meta:
        verbose_name = _("scan result import")
        verbose_name_plural = _("device scan results")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"Kết quả quét {self.filename} – {self.device}"


class DeviceFinding(models.Model):
    """A file carrying a secrecy mark found on a device: path, level and marks, never the contents (P3, R29)."""

    scan = models.ForeignKey(ScanImport, models.PROTECT, related_name="findings")
    device = models.ForeignKey(Device, models.PROTECT, related_name="findings")
    unit = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    path = models.TextField(_("file path"), max_length=TEXT_MAX)
    level = models.CharField(_("classification level"), max_length=10, choices=Level.choices, blank=True)
    marks = models.JSONField(_("marks found"), default=list)
    status = models.CharField(
        _("finding status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    remedy = models.TextField(_("handling measure"), max_length=TEXT_MAX, blank=True)
    resolved_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Not stored: what a reader may see of path and marks, set by selectors.findings_shown (S2).
    shown_path: str
    shown_marks: list[dict[str, Any]]

    class Meta:
        verbose_name = _("finding on a device")
        verbose_name_plural = _("finding on a device")
        ordering = ["status", "-pk"]

    def __str__(self) -> str:
        return f"{self.path} ({self.get_level_display() or 'không rõ độ mật'})"

"""The yearly protection programme: plans and their tasks per unit (P1), self-inspections and findings (P2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bmnn.core import clock
from bmnn.core.limits import TEXT_MAX
from bmnn.org.models import Organisation

from .choices import (
    Answer,
    EventKind,
    FindingStatus,
    InspectionStatus,
    PlanStatus,
    Recurrence,
    Role,
    TaskStatus,
)

PERSON = settings.AUTH_USER_MODEL


class Plan(models.Model):
    """A unit's plan (kế hoạch) as agencies write it: header, purposes, content, tasks, reporting (P1).

    A plan may implement a superior's plan (``parent``); its tasks are handed to units on issue.
    """

    issuing_unit = models.ForeignKey(
        Organisation, models.PROTECT, related_name="plans", verbose_name=_("issuing agency")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("implements the superior plan"),
    )
    number = models.PositiveIntegerField(_("plan number"), null=True, blank=True)
    symbol = models.CharField(_("plan symbol"), max_length=60, help_text=_("For example: KH-SGDDT"))
    place = models.CharField(_("place name"), max_length=100)
    issued_on = models.DateField(_("date of issue"))
    title = models.CharField(_("plan title (summary)"), max_length=400)
    basis = models.TextField(
        _("basis (documents being implemented)"), max_length=TEXT_MAX, help_text=_("One document per line.")
    )
    purposes = models.TextField(_("purposes and requirements"), max_length=TEXT_MAX)
    reporting = models.TextField(_("implementation and reporting arrangements"), max_length=TEXT_MAX, blank=True)
    recipients = models.TextField(_("plan recipients"), max_length=TEXT_MAX, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's full name"), max_length=120, blank=True)
    status = models.CharField(
        _("programme status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("drawn up by"))
    created_at = models.DateTimeField(_("drawn up at"), default=clock.now)
    issued_at = models.DateTimeField(_("plan issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plan")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # Backstop for the service's check that a number and symbol are used once a year.
            models.UniqueConstraint(
                fields=["issuing_unit", "symbol", "number", "issued_on"],
                condition=models.Q(status="ISSUED"),
                name="one_issued_plan_per_number",
            ),
        ]

    def __str__(self) -> str:
        return f"Kế hoạch {self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        """Number and symbol as printed, e.g. 15/KH-SGDĐT."""
        return f"{self.number}/{self.symbol}" if self.number else f"…/{self.symbol}"

    @property
    def year(self) -> int:
        return self.issued_on.year

    def basis_lines(self) -> list[str]:
        return [line.strip() for line in self.basis.splitlines() if line.strip()]


class ContentItem(models.Model):
    """A numbered work item of the plan's content section (II. Nội dung)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="contents")
    order = models.PositiveSmallIntegerField(_("item order"))
    text = models.TextField(_("work item text"), max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("plan work item")
        verbose_name_plural = _("plan work item")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:80]}"


class Task(models.Model):
    """A task of the plan (III. Phân công nhiệm vụ), due once or recurring (P1).

    ``source`` is the superior plan's assignment this task implements, when a unit hands a
    received task down to its own units.
    """

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("item order"))
    title = models.CharField(_("task"), max_length=400)
    description = models.TextField(_("task details"), max_length=TEXT_MAX, blank=True)
    due = models.DateField(_("task deadline"), null=True, blank=True)
    recurrence = models.CharField(
        _("task recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    source = models.ForeignKey(
        "Assignment",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="handed_down",
        verbose_name=_("carries out the assigned task"),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("task")
        ordering = ["plan", "order"]
        constraints = [
            # P1: a due date or a recurrence, never neither.
            models.CheckConstraint(
                condition=models.Q(due__isnull=False) | ~models.Q(recurrence="NONE"), name="task_due_or_recurrence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def timing(self) -> str:
        if self.recurrence != Recurrence.NONE:
            return str(self.get_recurrence_display())
        return f"Trước ngày {self.due:%d/%m/%Y}" if self.due else ""


class Assignment(models.Model):
    """A unit's share of a task: lead (chủ trì) or coordinating (phối hợp) (P1)."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        Organisation, models.PROTECT, related_name="plan_assignments", verbose_name=_("assigned unit")
    )
    role = models.CharField(_("assignment role"), max_length=12, choices=Role.choices, default=Role.LEAD)

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignment")
        ordering = ["task", "role", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="one_assignment_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display().lower()}): {self.task.title}"


class Occurrence(models.Model):
    """One period's due work of a unit on a task: what the unit reports on and the matrix shows (P1)."""

    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="occurrences")
    period = models.CharField(
        _("task period"), max_length=40, blank=True, help_text=_("For example: Quarter I/2026; empty if once")
    )
    due = models.DateField(_("period deadline"))
    status = models.CharField(
        _("programme status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PENDING
    )
    completed_on = models.DateField(_("task done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("task occurrence")
        verbose_name_plural = _("task occurrence")
        ordering = ["due", "pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "due"], name="one_occurrence_per_due")]

    def __str__(self) -> str:
        period = f" – {self.period}" if self.period else ""
        return f"{self.assignment.task.title}{period} ({self.assignment.unit})"

    @property
    def overdue(self) -> bool:
        return self.status != TaskStatus.DONE and self.due < clock.today()


def evidence_path(instance: models.Model, filename: str) -> str:
    return f"programme/{clock.today():%Y/%m}/{filename}"


class TaskEvent(models.Model):
    """What happened on an occurrence: a unit's progress report, the owner's reminder or return (P1)."""

    occurrence = models.ForeignKey(Occurrence, models.CASCADE, related_name="events")
    kind = models.CharField(_("task event kind"), max_length=10, choices=EventKind.choices)
    author = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("task event by"))
    at = models.DateTimeField(_("task event time"), default=clock.now)
    text = models.TextField(_("work item text"), max_length=TEXT_MAX)
    complete = models.BooleanField(_("reports completion"), default=False)

    class Meta:
        verbose_name = _("task event")
        verbose_name_plural = _("task event")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y}"


class Evidence(models.Model):
    """A file attached to a progress report, an inspection answer or a plan (P1, P2). Stored under MEDIA_ROOT."""

    file = models.FileField(_("evidence file"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("evidence file name"), max_length=200)
    plan = models.ForeignKey(Plan, models.CASCADE, null=True, blank=True, related_name="attachments")
    event = models.ForeignKey(TaskEvent, models.CASCADE, null=True, blank=True, related_name="evidence")
    answer = models.ForeignKey("InspectionAnswer", models.CASCADE, null=True, blank=True, related_name="evidence")
    uploaded_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("attachment or evidence")
        verbose_name_plural = _("attachment or evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ChecklistTemplate(models.Model):
    """A self-inspection checklist; the default one holds the focal points of P2 (editable in admin)."""

    name = models.CharField(_("checklist name"), max_length=200)
    description = models.TextField(_("checklist description"), max_length=TEXT_MAX, blank=True)
    is_default = models.BooleanField(_("default checklist"), default=False)
    active = models.BooleanField(_("checklist in use"), default=True)

    class Meta:
        verbose_name = _("inspection checklist template")
        verbose_name_plural = _("inspection checklist template")
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    """A point to check, with its legal basis (P2)."""

    template = models.ForeignKey(ChecklistTemplate, models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("item order"))
    group = models.CharField(_("item group"), max_length=200)
    text = models.TextField(_("inspection item"), max_length=TEXT_MAX)
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection item")
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:80]}"


class Inspection(models.Model):
    """A self-inspection of a unit by itself or by its superior, by a named team (P2)."""

    unit = models.ForeignKey(Organisation, models.PROTECT, related_name="inspections", verbose_name=_("inspected unit"))
    inspecting_unit = models.ForeignKey(
        Organisation, models.PROTECT, related_name="inspections_made", verbose_name=_("inspecting unit")
    )
    template = models.ForeignKey(ChecklistTemplate, models.PROTECT, verbose_name=_("inspection checklist"))
    plan = models.ForeignKey(
        Plan, models.SET_NULL, null=True, blank=True, related_name="inspections", verbose_name=_("under the plan")
    )
    decision_ref = models.CharField(_("inspection decision"), max_length=200, blank=True)
    team = models.TextField(
        _("inspection team"), max_length=TEXT_MAX, help_text=_("One member per line: full name – position – role.")
    )
    started_on = models.DateField(_("inspection date"))
    status = models.CharField(
        _("programme status"), max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.OPEN
    )
    conclusion = models.TextField(_("inspection conclusion"), max_length=TEXT_MAX, blank=True)
    concluded_on = models.DateField(_("inspection concluded on"), null=True, blank=True)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("self-inspection")
        verbose_name_plural = _("self-inspection")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"Kiểm tra {self.unit} ngày {self.started_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("programme:inspection", args=[self.pk])

    def team_lines(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]


class InspectionAnswer(models.Model):
    """The answer to one checklist point; the item's text and basis are copied so later edits don't rewrite history."""

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, models.SET_NULL, null=True, related_name="+")
    order = models.PositiveSmallIntegerField(_("item order"))
    group = models.CharField(_("item group"), max_length=200)
    text = models.TextField(_("inspection item"), max_length=TEXT_MAX)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    result = models.CharField(_("inspection item result"), max_length=10, choices=Answer.choices, blank=True)
    note = models.TextField(_("inspection item note"), max_length=TEXT_MAX, blank=True)
    answered_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inspection answer")
        verbose_name_plural = _("inspection answer")
        ordering = ["inspection", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:60]}: {self.get_result_display() or '—'}"


class Finding(models.Model):
    """A shortcoming found by an inspection, its remedy, owner and due date, followed until closed (P2)."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="findings")
    answer = models.ForeignKey(
        InspectionAnswer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("inspection item"),
    )
    description = models.TextField(_("shortcomings and limitations"), max_length=TEXT_MAX)
    remedy = models.TextField(_("remedial measures"), max_length=TEXT_MAX)
    owner = models.ForeignKey(
        PERSON, models.PROTECT, related_name="findings_owned", verbose_name=_("person responsible")
    )
    due = models.DateField(_("remedy deadline"))
    status = models.CharField(
        _("programme status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    result_note = models.TextField(_("remedy result"), max_length=TEXT_MAX, blank=True)
    closed_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    closed_on = models.DateField(_("remedied on"), null=True, blank=True)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("finding")
        ordering = ["due", "pk"]
        constraints = [
            # P2: a finding closes only with its result recorded.
            models.CheckConstraint(
                condition=~models.Q(status="CLOSED") | ~models.Q(result_note=""), name="closed_finding_has_result"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:100]

    def get_absolute_url(self) -> str:
        return reverse("programme:finding", args=[self.pk])

    @property
    def overdue(self) -> bool:
        return self.status == FindingStatus.OPEN and self.due < clock.today()

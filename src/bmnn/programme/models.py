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
        Organisation, models.PROTECT, related_name="plans", verbose_name=_("cơ quan ban hành")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thực hiện kế hoạch cấp trên"),
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60, help_text=_("Ví dụ: KH-SGDĐT"))
    place = models.CharField(_("địa danh"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("tên kế hoạch (trích yếu)"), max_length=400)
    basis = models.TextField(
        _("căn cứ (văn bản được triển khai)"), max_length=TEXT_MAX, help_text=_("Mỗi văn bản một dòng.")
    )
    purposes = models.TextField(_("mục đích, yêu cầu"), max_length=TEXT_MAX)
    reporting = models.TextField(_("tổ chức thực hiện, chế độ báo cáo"), max_length=TEXT_MAX, blank=True)
    recipients = models.TextField(_("nơi nhận"), max_length=TEXT_MAX, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("lập lúc"), default=clock.now)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
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
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"), max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("nội dung kế hoạch")
        verbose_name_plural = _("nội dung kế hoạch")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:80]}"


class Task(models.Model):
    """A task of the plan (III. Phân công nhiệm vụ), due once or recurring (P1).

    ``source`` is the superior plan's assignment this task implements, when a unit hands a
    received task down to its own units.
    """

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nhiệm vụ"), max_length=400)
    description = models.TextField(_("nội dung cụ thể"), max_length=TEXT_MAX, blank=True)
    due = models.DateField(_("thời hạn"), null=True, blank=True)
    recurrence = models.CharField(_("định kỳ"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE)
    source = models.ForeignKey(
        "Assignment",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="handed_down",
        verbose_name=_("thực hiện nhiệm vụ được giao"),
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
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
    unit = models.ForeignKey(Organisation, models.PROTECT, related_name="plan_assignments", verbose_name=_("đơn vị"))
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices, default=Role.LEAD)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["task", "role", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="one_assignment_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display().lower()}): {self.task.title}"


class Occurrence(models.Model):
    """One period's due work of a unit on a task: what the unit reports on and the matrix shows (P1)."""

    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="occurrences")
    period = models.CharField(_("kỳ"), max_length=40, blank=True, help_text=_("Ví dụ: Quý I/2026; trống nếu một lần"))
    due = models.DateField(_("hạn"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PENDING)
    completed_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("kỳ thực hiện nhiệm vụ")
        verbose_name_plural = _("kỳ thực hiện nhiệm vụ")
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
    kind = models.CharField(_("loại"), max_length=10, choices=EventKind.choices)
    author = models.ForeignKey(PERSON, models.PROTECT, related_name="+", verbose_name=_("người thực hiện"))
    at = models.DateTimeField(_("lúc"), default=clock.now)
    text = models.TextField(_("nội dung"), max_length=TEXT_MAX)
    complete = models.BooleanField(_("báo cáo hoàn thành"), default=False)

    class Meta:
        verbose_name = _("diễn biến nhiệm vụ")
        verbose_name_plural = _("diễn biến nhiệm vụ")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y}"


class Evidence(models.Model):
    """A file attached to a progress report, an inspection answer or a plan (P1, P2). Stored under MEDIA_ROOT."""

    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("tên tệp"), max_length=200)
    plan = models.ForeignKey(Plan, models.CASCADE, null=True, blank=True, related_name="attachments")
    event = models.ForeignKey(TaskEvent, models.CASCADE, null=True, blank=True, related_name="evidence")
    answer = models.ForeignKey("InspectionAnswer", models.CASCADE, null=True, blank=True, related_name="evidence")
    uploaded_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("tệp đính kèm, minh chứng")
        verbose_name_plural = _("tệp đính kèm, minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ChecklistTemplate(models.Model):
    """A self-inspection checklist; the default one holds the focal points of P2 (editable in admin)."""

    name = models.CharField(_("tên"), max_length=200)
    description = models.TextField(_("mô tả"), max_length=TEXT_MAX, blank=True)
    is_default = models.BooleanField(_("mặc định"), default=False)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu danh mục kiểm tra")
        verbose_name_plural = _("mẫu danh mục kiểm tra")
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    """A point to check, with its legal basis (P2)."""

    template = models.ForeignKey(ChecklistTemplate, models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    group = models.CharField(_("nhóm nội dung"), max_length=200)
    text = models.TextField(_("nội dung kiểm tra"), max_length=TEXT_MAX)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)

    class Meta:
        verbose_name = _("nội dung kiểm tra")
        verbose_name_plural = _("nội dung kiểm tra")
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:80]}"


class Inspection(models.Model):
    """A self-inspection of a unit by itself or by its superior, by a named team (P2)."""

    unit = models.ForeignKey(
        Organisation, models.PROTECT, related_name="inspections", verbose_name=_("đơn vị được kiểm tra")
    )
    inspecting_unit = models.ForeignKey(
        Organisation, models.PROTECT, related_name="inspections_made", verbose_name=_("đơn vị kiểm tra")
    )
    template = models.ForeignKey(ChecklistTemplate, models.PROTECT, verbose_name=_("danh mục kiểm tra"))
    plan = models.ForeignKey(
        Plan, models.SET_NULL, null=True, blank=True, related_name="inspections", verbose_name=_("theo kế hoạch")
    )
    decision_ref = models.CharField(_("quyết định kiểm tra"), max_length=200, blank=True)
    team = models.TextField(
        _("đoàn kiểm tra"), max_length=TEXT_MAX, help_text=_("Mỗi thành viên một dòng: họ tên – chức vụ – vai trò.")
    )
    started_on = models.DateField(_("ngày kiểm tra"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.OPEN
    )
    conclusion = models.TextField(_("kết luận"), max_length=TEXT_MAX, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("đợt tự kiểm tra")
        verbose_name_plural = _("đợt tự kiểm tra")
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
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    group = models.CharField(_("nhóm nội dung"), max_length=200)
    text = models.TextField(_("nội dung kiểm tra"), max_length=TEXT_MAX)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    result = models.CharField(_("kết quả"), max_length=10, choices=Answer.choices, blank=True)
    note = models.TextField(_("ghi chú"), max_length=TEXT_MAX, blank=True)
    answered_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
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
        verbose_name=_("nội dung kiểm tra"),
    )
    description = models.TextField(_("tồn tại, hạn chế"), max_length=TEXT_MAX)
    remedy = models.TextField(_("biện pháp khắc phục"), max_length=TEXT_MAX)
    owner = models.ForeignKey(
        PERSON, models.PROTECT, related_name="findings_owned", verbose_name=_("người chịu trách nhiệm")
    )
    due = models.DateField(_("hạn khắc phục"))
    status = models.CharField(_("tình trạng"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    result_note = models.TextField(_("kết quả khắc phục"), max_length=TEXT_MAX, blank=True)
    closed_by = models.ForeignKey(PERSON, models.PROTECT, null=True, blank=True, related_name="+")
    closed_on = models.DateField(_("ngày khắc phục xong"), null=True, blank=True)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("tồn tại phát hiện")
        verbose_name_plural = _("tồn tại phát hiện")
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

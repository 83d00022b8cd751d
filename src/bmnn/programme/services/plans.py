"""Plans: write, hand tasks to units, issue; units report progress; the owner reminds or returns (P1)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person

from ..choices import EventKind, PlanStatus, Recurrence, Role, TaskStatus
from ..models import Assignment, ContentItem, Evidence, Occurrence, Plan, Task, TaskEvent
from ..policies import may_act_for, units_acting_for
from .common import checked_files, require_actor_for, require_text, store_files

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def plan_create_check(actor: Person, _subject: object = None) -> None:
    """P1: a plan is written by someone who acts for a unit: its head or its staff designated for secrets."""
    if not units_acting_for(actor).exists():
        raise PermissionDenied(
            _("Only the head or the staff designated for state secrets of a unit may draw up the unit's plans."),
            rule="P1",
        )


def plan_create(
    *,
    actor: Person,
    unit: Organisation,
    symbol: str,
    place: str,
    issued_on: dt.date,
    title: str,
    basis: str,
    purposes: str,
    contents: Sequence[str],
    number: int | None = None,
    reporting: str = "",
    recipients: str = "",
    signer_title: str = "",
    signer_name: str = "",
    parent: Plan | None = None,
    tasks: Sequence[dict[str, Any]] = (),
) -> Plan:
    """Write a draft plan of ``unit`` with its content items and, optionally, its tasks (P1)."""
    with transaction.atomic():
        plan_create_check(actor)
        # P1: the unit's head or its staff designated for secrets write its plans.
        require_actor_for(
            actor,
            unit,
            _("Only the head or the staff designated for state secrets of a unit may draw up the unit's plans."),
            "P1",
        )
        fields = {
            name: require_text(value, _("The plan needs its {field}.").format(field=label), "P1", name)
            for name, label, value in (
                ("symbol", _("plan symbol"), symbol),
                ("place", _("place name"), place),
                ("title", _("plan title"), title),
                ("basis", _("basis (documents being implemented)"), basis),
                ("purposes", _("purposes and requirements"), purposes),
            )
        }
        items = [c.strip() for c in contents if c and c.strip()]
        if not items:
            raise DomainError(_("A plan needs at least one work item."), rule="P1", field="contents")
        if parent is not None:
            _check_parent(parent, unit)
        plan = Plan.objects.create(
            issuing_unit=unit,
            parent=parent,
            number=number,
            issued_on=issued_on,
            reporting=reporting.strip(),
            recipients=recipients.strip(),
            signer_title=signer_title.strip(),
            signer_name=signer_name.strip(),
            created_by=actor,
            created_at=clock.now(),
            **fields,
        )
        for i, text in enumerate(items, start=1):
            ContentItem.objects.create(plan=plan, order=i, text=text)
        for task in tasks:
            _add_task(plan, **task)
        record(
            actor,
            "programme.plan.created",
            plan,
            basis="P1",
            data={
                "unit": str(unit),
                "reference": plan.reference,
                "parent": parent.pk if parent else None,
                "contents": len(items),
                "tasks": len(tasks),
            },
        )
    return plan


PLAN_TEXTS = ("symbol", "place", "title", "basis", "purposes")
PLAN_EXTRAS = ("reporting", "recipients", "signer_title", "signer_name")


def plan_update_check(actor: Person, plan: Plan) -> None:
    """P1: only a draft is edited, and only by its issuing unit."""
    _require_draft(plan)
    require_actor_for(actor, plan.issuing_unit, _("Only the issuing unit may edit the plan."), "P1")


def plan_update(*, actor: Person, plan: Plan, contents: Sequence[str] | None = None, **changes: Any) -> Plan:
    """Edit a draft plan's header and texts; ``contents`` replaces its content items (P1)."""
    unknown = set(changes) - {*PLAN_TEXTS, *PLAN_EXTRAS, "number", "issued_on", "parent"}
    if unknown:
        raise DomainError(
            _("These fields cannot be edited: {fields}.").format(fields=", ".join(sorted(unknown))), rule="P1"
        )
    with transaction.atomic():
        plan = _locked(plan)
        plan_update_check(actor, plan)
        for name in PLAN_TEXTS:
            if name in changes:
                # PLAN_TEXTS name the plan's own text fields, never a relation.
                label = cast("models.Field[Any, Any]", Plan._meta.get_field(name)).verbose_name
                changes[name] = require_text(
                    changes[name], _("The plan needs its {field}.").format(field=label), "P1", name
                )
        if changes.get("parent") is not None:
            _check_parent(changes["parent"], plan.issuing_unit)
        items = None if contents is None else [c.strip() for c in contents if c and c.strip()]
        if items is not None and not items:
            raise DomainError(_("A plan needs at least one work item."), rule="P1", field="contents")
        for name, value in changes.items():
            setattr(plan, name, value.strip() if isinstance(value, str) else value)
        plan.save()
        if items is not None:
            plan.contents.all().delete()
            ContentItem.objects.bulk_create([ContentItem(plan=plan, order=i, text=t) for i, t in enumerate(items, 1)])
        record(
            actor,
            "programme.plan.updated",
            plan,
            basis="P1",
            data={"fields": sorted(changes), "contents": len(items) if items is not None else None},
        )
    return plan


def _check_parent(parent: Plan, unit: Organisation) -> None:
    # P1: a plan implements an issued plan of a superior, or one that gives this unit a task.
    superiors = {a.pk for a in unit.ancestors()}
    assigned = Assignment.objects.filter(task__plan=parent, unit=unit).exists()
    if parent.status != PlanStatus.ISSUED or not (parent.issuing_unit_id in superiors or assigned):
        raise DomainError(
            _("A plan can implement only an issued plan of a superior or a plan that assigns tasks to the unit."),
            rule="P1",
            field="parent",
        )


def _add_task(
    plan: Plan,
    *,
    title: str,
    leads: Iterable[Organisation],
    coordinators: Iterable[Organisation] = (),
    description: str = "",
    due: dt.date | None = None,
    recurrence: str = Recurrence.NONE,
    source: Assignment | None = None,
) -> Task:
    title = require_text(title, _("A task needs a name."), "P1", "title")
    leads, coordinators = list(leads), [c for c in coordinators if c not in list(leads)]
    if not leads:
        raise DomainError(_('The task "{title}" needs a lead unit.').format(title=title), rule="P1", field="leads")
    if recurrence not in Recurrence.values:
        raise DomainError(_("The task recurrence is not valid."), rule="P1", field="recurrence")
    if recurrence == Recurrence.NONE and due is None:
        raise DomainError(
            _('The task "{title}" needs a deadline or a recurrence.').format(title=title), rule="P1", field="due"
        )
    if due is not None and due.year < plan.year:
        raise DomainError(_("The task deadline is before the plan's year."), rule="P1", field="due")
    if source is not None:
        # P1: a unit hands down only a task it received, and only in a plan implementing that plan.
        if source.unit_id != plan.issuing_unit_id or source.task.plan.status != PlanStatus.ISSUED:
            raise DomainError(_("Only a task assigned to your own unit can be detailed."), rule="P1", field="source")
        if plan.parent_id != source.task.plan_id:
            raise DomainError(
                _("The assigned task must belong to the superior plan that this plan implements."),
                rule="P1",
                field="source",
            )
    task = Task.objects.create(
        plan=plan,
        order=plan.tasks.count() + 1,
        title=title,
        description=description.strip(),
        due=due,
        recurrence=recurrence,
        source=source,
    )
    for unit in leads:
        Assignment.objects.create(task=task, unit=unit, role=Role.LEAD)
    for unit in coordinators:
        Assignment.objects.create(task=task, unit=unit, role=Role.COORDINATOR)
    return task


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("issuing_unit").get(pk=plan.pk)


def _require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise DomainError(_("The plan has been issued and cannot be edited."), rule="P1")


def task_add_check(actor: Person, plan: Plan) -> None:
    """P1: tasks are handed out in a draft, by its issuing unit."""
    _require_draft(plan)
    require_actor_for(actor, plan.issuing_unit, _("Only the issuing unit of the plan may assign tasks."), "P1")


def task_add(
    *,
    actor: Person,
    plan: Plan,
    title: str,
    leads: Iterable[Organisation],
    coordinators: Iterable[Organisation] = (),
    description: str = "",
    due: dt.date | None = None,
    recurrence: str = Recurrence.NONE,
    source: Assignment | None = None,
) -> Task:
    """Add a task to a draft plan, assigned to lead and coordinating units, due once or recurring (P1)."""
    with transaction.atomic():
        plan = _locked(plan)
        task_add_check(actor, plan)
        task = _add_task(
            plan,
            title=title,
            leads=leads,
            coordinators=coordinators,
            description=description,
            due=due,
            recurrence=recurrence,
            source=source,
        )
        record(
            actor,
            "programme.plan.task_added",
            plan,
            basis="P1",
            data={
                "task": task.pk,
                "title": task.title,
                "due": due,
                "recurrence": recurrence,
                "units": [f"{a.unit} ({a.get_role_display()})" for a in task.assignments.all()],
                "source": source.pk if source else None,
            },
        )
    return task


def plan_attach_check(actor: Person, plan: Plan) -> None:
    """P1: the issuing unit attaches files to its plan."""
    require_actor_for(actor, plan.issuing_unit, _("Only the issuing unit of the plan may attach files."), "P1")


def plan_attach(*, actor: Person, plan: Plan, files: Sequence[Any]) -> list[Evidence]:
    """Attach files to a plan (kept under MEDIA_ROOT); a file bearing a secrecy mark is refused (S6)."""
    files = checked_files(files, "P1")
    with transaction.atomic():
        plan = _locked(plan)
        plan_attach_check(actor, plan)
        if not files:
            raise DomainError(_("No file was chosen."), field="files")
        saved = store_files(files, actor, plan=plan)
        record(actor, "programme.plan.attached", plan, basis="P1", data={"files": [e.name for e in saved]})
    return saved


def plan_issue_check(actor: Person, plan: Plan) -> None:
    """P1: the issuing unit issues a draft that hands out at least one task."""
    _require_draft(plan)
    require_actor_for(
        actor,
        plan.issuing_unit,
        _("Only the head or the designated staff of the unit may issue the plan."),
        "P1",
    )
    if not plan.tasks.exists():
        raise DomainError(_("The plan has no assigned task yet."), rule="P1")


def plan_issue(*, actor: Person, plan: Plan, number: int | None = None) -> Plan:
    """Issue a draft plan: it takes its number, and every assigned unit gets its due work per period (P1)."""
    with transaction.atomic():
        plan = _locked(plan)
        plan_issue_check(actor, plan)
        plan.number = number or plan.number
        if not plan.number:
            raise DomainError(_("An issued plan needs a number."), rule="P1", field="number")
        tasks = list(plan.tasks.prefetch_related("assignments"))
        taken = Plan.objects.filter(
            issuing_unit_id=plan.issuing_unit_id,
            symbol=plan.symbol,
            number=plan.number,
            issued_on__year=plan.year,
            status=PlanStatus.ISSUED,
        ).exclude(pk=plan.pk)
        if taken.exists():
            raise DomainError(
                _("Number {reference} is already used by another plan in {year}.").format(
                    reference=plan.reference, year=plan.year
                ),
                rule="P1",
                field="number",
            )
        plan.status, plan.issued_at = PlanStatus.ISSUED, clock.now()
        try:
            with transaction.atomic():
                plan.save(update_fields=["number", "status", "issued_at"])
        except IntegrityError:  # a concurrent issue took the number first
            raise DomainError(
                _("Number {reference} has just been used by another plan.").format(reference=plan.reference),
                rule="P1",
                field="number",
            ) from None
        count = 0
        for task in tasks:
            for assignment in task.assignments.all():
                for period, due in periods(task, plan.issued_on):
                    Occurrence.objects.create(assignment=assignment, period=period, due=due)
                    count += 1
        record(
            actor,
            "programme.plan.issued",
            plan,
            basis="P1",
            data={"reference": plan.reference, "tasks": len(tasks), "occurrences": count},
        )
    return plan


def periods(task: Task, start: dt.date) -> list[tuple[str, dt.date]]:
    """The periods a task is due in, from the plan's date to the end of its year: (label, due date)."""
    year = start.year
    if task.recurrence == Recurrence.MONTHLY:
        return [
            (f"Tháng {m}/{year}", dt.date(year, m, calendar.monthrange(year, m)[1])) for m in range(start.month, 13)
        ]
    if task.recurrence == Recurrence.QUARTERLY:
        first = (start.month - 1) // 3 + 1
        return [
            (f"Quý {ROMAN[q]}/{year}", dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]))
            for q in range(first, 5)
        ]
    if task.recurrence == Recurrence.YEARLY:
        return [(f"Năm {year}", task.due or dt.date(year, 12, 31))]
    return [("", task.due)] if task.due else []


def _live(occurrence: Occurrence) -> Occurrence:
    return (
        Occurrence.objects.select_for_update()
        .select_related("assignment__unit", "assignment__task__plan__issuing_unit")
        .get(pk=occurrence.pk)
    )


def _require_issued(occurrence: Occurrence) -> None:
    if occurrence.assignment.task.plan.status != PlanStatus.ISSUED:
        raise DomainError(_("The plan has not been issued."), rule="P1")


def progress_report_check(actor: Person, occurrence: Occurrence) -> None:
    """P1: only the assigned unit (its head or designated staff) reports, until its report is accepted as done."""
    _require_issued(occurrence)
    unit = occurrence.assignment.unit
    if not may_act_for(actor, unit):
        raise PermissionDenied(
            _("Only the head or the designated staff of {unit} may report on this task.").format(unit=unit), rule="P1"
        )
    if occurrence.status == TaskStatus.DONE:
        raise DomainError(
            _("The task has been reported done; report again only when the assigning unit sends it back."), rule="P1"
        )


def progress_report(
    *, actor: Person, occurrence: Occurrence, text: str, complete: bool = False, files: Sequence[Any] = ()
) -> TaskEvent:
    """The assigned unit reports progress on its task, with evidence files; ``complete`` marks it done (P1).

    Evidence bearing a secrecy mark is refused (S6)."""
    files = checked_files(files, "P1")
    with transaction.atomic():
        occurrence = _live(occurrence)
        progress_report_check(actor, occurrence)
        unit = occurrence.assignment.unit
        text = require_text(text, _("A report needs the progress made."), "P1", "text")
        event = TaskEvent.objects.create(
            occurrence=occurrence, kind=EventKind.REPORT, author=actor, at=clock.now(), text=text, complete=complete
        )
        evidence = store_files(files, actor, event=event)
        occurrence.status = TaskStatus.DONE if complete else TaskStatus.IN_PROGRESS
        occurrence.completed_on = clock.today() if complete else None
        occurrence.save(update_fields=["status", "completed_on"])
        record(
            actor,
            "programme.task.reported",
            occurrence,
            basis="P1",
            data={
                "unit": str(unit),
                "complete": complete,
                "files": [e.name for e in evidence],
                "late": complete and occurrence.due < clock.today(),
            },
        )
    return event


def _owner_acts(actor: Person, occurrence: Occurrence) -> None:
    _require_issued(occurrence)
    plan = occurrence.assignment.task.plan
    require_actor_for(
        actor, plan.issuing_unit, _("Only the issuing unit of the plan may remind or send back a report."), "P1"
    )


def progress_remind_check(actor: Person, occurrence: Occurrence) -> None:
    """P1: the plan's owner reminds a unit whose task is not done."""
    _owner_acts(actor, occurrence)
    if occurrence.status == TaskStatus.DONE:
        raise DomainError(_("The task is done; no reminder is needed."), rule="P1")


def progress_return_check(actor: Person, occurrence: Occurrence) -> None:
    """P1: the plan's owner returns a report the unit has made."""
    _owner_acts(actor, occurrence)
    if occurrence.status not in (TaskStatus.DONE, TaskStatus.IN_PROGRESS):
        raise DomainError(_("The unit has no report to send back."), rule="P1")


def progress_remind(*, actor: Person, occurrence: Occurrence, text: str) -> TaskEvent:
    """The plan's owner reminds the unit; the reminder is recorded and shown to the unit (P1)."""
    with transaction.atomic():
        occurrence = _live(occurrence)
        progress_remind_check(actor, occurrence)
        text = require_text(text, _("A reminder needs a text."), "P1", "text")
        event = TaskEvent.objects.create(
            occurrence=occurrence, kind=EventKind.REMIND, author=actor, at=clock.now(), text=text
        )
        record(
            actor,
            "programme.task.reminded",
            occurrence,
            basis="P1",
            data={"unit": str(occurrence.assignment.unit), "overdue": occurrence.overdue},
        )
    return event


def progress_return(*, actor: Person, occurrence: Occurrence, reason: str) -> TaskEvent:
    """The plan's owner returns a unit's report for more work, with a reason (P1)."""
    with transaction.atomic():
        occurrence = _live(occurrence)
        progress_return_check(actor, occurrence)
        reason = require_text(reason, _("Sending a report back needs a reason."), "P1", "reason")
        event = TaskEvent.objects.create(
            occurrence=occurrence, kind=EventKind.RETURN, author=actor, at=clock.now(), text=reason
        )
        occurrence.status, occurrence.completed_on = TaskStatus.RETURNED, None
        occurrence.save(update_fields=["status", "completed_on"])
        record(
            actor,
            "programme.task.returned",
            occurrence,
            basis="P1",
            data={"unit": str(occurrence.assignment.unit), "reason": reason},
        )
    return event

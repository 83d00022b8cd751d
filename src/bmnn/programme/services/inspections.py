"""Self-inspection: open with a named team, answer the checklist, record findings, conclude, close remedies (P2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person

from ..choices import Answer, FindingStatus, InspectionStatus
from ..models import ChecklistTemplate, Finding, Inspection, InspectionAnswer, Plan
from ..policies import is_superior_or_self, may_act_for, units_acting_for
from .common import checked_files, require_actor_for, require_text, store_files


def inspection_open_check(actor: Person, _subject: object = None) -> None:
    """P2: an inspection is opened by someone who acts for a unit: its head or its staff designated for secrets."""
    if not units_acting_for(actor).exists():
        raise PermissionDenied(
            _("Only the head or the designated staff of the inspecting unit may open an inspection."), rule="P2"
        )


def inspection_open(
    *,
    actor: Person,
    unit: Organisation,
    inspecting_unit: Organisation,
    team: str,
    started_on: dt.date,
    decision_ref: str = "",
    template: ChecklistTemplate | None = None,
    plan: Plan | None = None,
) -> Inspection:
    """Open an inspection of ``unit`` by itself or a superior, with the checklist's points to answer (P2)."""
    with transaction.atomic():
        inspection_open_check(actor)
        # P2: a unit inspects itself, or a superior inspects it.
        if not is_superior_or_self(inspecting_unit, unit):
            raise DomainError(_("Only the unit itself or its superior may inspect a unit."), rule="P2", field="unit")
        require_actor_for(
            actor,
            inspecting_unit,
            _("Only the head or the designated staff of the inspecting unit may open an inspection."),
            "P2",
        )
        team = require_text(team, _("The inspection team members must be given."), "P2", "team")
        template = template or ChecklistTemplate.objects.filter(is_default=True, active=True).first()
        if template is None or not template.active or not template.items.exists():
            raise DomainError(_("There is no inspection checklist in use."), rule="P2", field="template")
        inspection = Inspection.objects.create(
            unit=unit,
            inspecting_unit=inspecting_unit,
            template=template,
            plan=plan,
            decision_ref=decision_ref.strip(),
            team=team,
            started_on=started_on,
            created_by=actor,
            created_at=clock.now(),
        )
        InspectionAnswer.objects.bulk_create(
            [
                InspectionAnswer(
                    inspection=inspection,
                    item=item,
                    order=item.order,
                    group=item.group,
                    text=item.text,
                    legal_basis=item.legal_basis,
                )
                for item in template.items.all()
            ]
        )
        record(
            actor,
            "programme.inspection.opened",
            inspection,
            basis="P2",
            data={
                "unit": str(unit),
                "by": str(inspecting_unit),
                "template": template.name,
                "team": inspection.team_lines(),
            },
        )
    return inspection


def _locked(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("unit", "inspecting_unit").get(pk=inspection.pk)


def inspection_write_check(actor: Person, inspection: Inspection) -> None:
    """P2: while an inspection is open, the inspecting unit writes its answers, findings and conclusion."""
    if inspection.status != InspectionStatus.OPEN:
        raise DomainError(_("The inspection has been concluded; nothing more can be recorded."), rule="P2")
    require_actor_for(
        actor, inspection.inspecting_unit, _("Only the inspecting unit may record inspection results."), "P2"
    )


def inspection_answer_check(actor: Person, answer: InspectionAnswer) -> None:
    """P2: a point is answered while its inspection is open, by the inspecting unit."""
    inspection_write_check(actor, answer.inspection)


def inspection_answer(
    *, actor: Person, answer: InspectionAnswer, result: str, note: str = "", files: Sequence[Any] = ()
) -> InspectionAnswer:
    """Answer one point: met, not met (with a note) or not applicable, with evidence files (P2).

    Evidence bearing a secrecy mark is refused (S6)."""
    files = checked_files(files, "P2")
    with transaction.atomic():
        inspection = _locked(answer.inspection)
        inspection_write_check(actor, inspection)
        answer = InspectionAnswer.objects.select_for_update().get(pk=answer.pk)
        if result not in Answer.values:
            raise DomainError(_("The result must be Met, Not met or Not applicable."), rule="P2", field="result")
        if result == Answer.NOT_MET and not note.strip():
            raise DomainError(_("An item not met must state its shortcoming."), rule="P2", field="note")
        answer.result, answer.note = result, note.strip()
        answer.answered_by, answer.answered_at = actor, clock.now()
        answer.save(update_fields=["result", "note", "answered_by", "answered_at"])
        evidence = store_files(files, actor, answer=answer)
        record(
            actor,
            "programme.inspection.answered",
            inspection,
            basis="P2",
            data={"item": answer.order, "result": result, "files": [e.name for e in evidence]},
        )
    return answer


def finding_record(
    *,
    actor: Person,
    inspection: Inspection,
    description: str,
    remedy: str,
    owner: Person | None,
    due: dt.date | None,
    answer: InspectionAnswer | None = None,
) -> Finding:
    """Record a shortcoming with its remedy, the person answerable and the due date (P2)."""
    with transaction.atomic():
        inspection = _locked(inspection)
        inspection_write_check(actor, inspection)
        description = require_text(
            description, _("The shortcomings and limitations must be given."), "P2", "description"
        )
        # P2: each finding gets a remedy, an owner and a due date.
        remedy = require_text(remedy, _("Every finding needs remedial measures."), "P2", "remedy")
        if owner is None:
            raise DomainError(_("Every finding needs a person responsible for the remedy."), rule="P2", field="owner")
        if due is None:
            raise DomainError(_("Every finding needs a remedy deadline."), rule="P2", field="due")
        if owner.organisation_id not in inspection.unit.subtree_ids() or not owner.is_active:
            raise DomainError(
                _("The person responsible must be an officer of the inspected unit."), rule="P2", field="owner"
            )
        if due < inspection.started_on:
            raise DomainError(_("The remedy deadline may not be before the inspection date."), rule="P2", field="due")
        if answer is not None and answer.inspection_id != inspection.pk:
            raise DomainError(_("The inspection item does not belong to this inspection."), rule="P2", field="answer")
        finding = Finding.objects.create(
            inspection=inspection,
            answer=answer,
            description=description,
            remedy=remedy,
            owner=owner,
            due=due,
            created_by=actor,
            created_at=clock.now(),
        )
        record(
            actor,
            "programme.finding.recorded",
            finding,
            basis="P2",
            data={
                "inspection": inspection.pk,
                "owner": str(owner),
                "due": due,
                "item": answer.order if answer else None,
            },
        )
    return finding


def inspection_conclude(*, actor: Person, inspection: Inspection, conclusion: str) -> Inspection:
    """Conclude: every point answered, and every point not met has a finding with a remedy (P2)."""
    with transaction.atomic():
        inspection = _locked(inspection)
        inspection_write_check(actor, inspection)
        conclusion = require_text(conclusion, _("The inspection conclusion must be given."), "P2", "conclusion")
        unanswered = [a.order for a in inspection.answers.filter(result="")]
        if unanswered:
            raise DomainError(
                _("Items not assessed yet: {items}.").format(items=", ".join(map(str, unanswered))), rule="P2"
            )
        bare = [a.order for a in inspection.answers.filter(result=Answer.NOT_MET, findings__isnull=True)]
        if bare:
            raise DomainError(
                _("Items not met without a finding and remedial measures: {items}.").format(
                    items=", ".join(map(str, bare))
                ),
                rule="P2",
            )
        inspection.status, inspection.conclusion = InspectionStatus.CONCLUDED, conclusion
        inspection.concluded_on = clock.today()
        inspection.save(update_fields=["status", "conclusion", "concluded_on"])
        record(
            actor,
            "programme.inspection.concluded",
            inspection,
            basis="P2",
            data={
                "findings": inspection.findings.count(),
                "not_met": inspection.answers.filter(result=Answer.NOT_MET).count(),
            },
        )
    return inspection


def finding_close_check(actor: Person, finding: Finding) -> None:
    """P2: the person answerable, or either unit's head or designated staff, closes an open finding."""
    inspection = finding.inspection
    if not (
        actor.pk == finding.owner_id
        or may_act_for(actor, inspection.unit)
        or may_act_for(actor, inspection.inspecting_unit)
    ):
        raise PermissionDenied(
            _("Only the person responsible, the head or the designated staff of the unit may confirm the remedy."),
            rule="P2",
        )
    if finding.status == FindingStatus.CLOSED:
        raise DomainError(_("This finding has already been remedied."), rule="P2")


def finding_close(*, actor: Person, finding: Finding, result_note: str) -> Finding:
    """Close a finding once remedied; the result must be written down (P2)."""
    with transaction.atomic():
        finding = (
            Finding.objects.select_for_update()
            .select_related("inspection__unit", "inspection__inspecting_unit")
            .get(pk=finding.pk)
        )
        finding_close_check(actor, finding)
        inspection = finding.inspection
        # P2: a finding is followed until closed, and closing needs the result.
        result_note = require_text(
            result_note, _("The remedy result must be given before closing."), "P2", "result_note"
        )
        finding.status, finding.result_note = FindingStatus.CLOSED, result_note
        finding.closed_by, finding.closed_on = actor, clock.today()
        finding.save(update_fields=["status", "result_note", "closed_by", "closed_on"])
        record(
            actor,
            "programme.finding.closed",
            finding,
            basis="P2",
            data={"inspection": inspection.pk, "late": finding.closed_on > finding.due},
        )
    return finding

"""Who may see secrets, changed only by decision: access requests (clearance, designation, delegation) decided
by the head, delegations revoked, and each person's own API token. Every change is an audit event (S3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level, rank

from .models import AccessKind, AccessRequest, AccessStatus, Delegation, Person, Position

BASIS: dict[str, str] = {
    AccessKind.CLEARANCE: "S2, S7",
    AccessKind.DESIGNATION: "R38, S7",
    AccessKind.DELEGATION: "R13, S7",
}
DESIGNATION_FIELDS = ("designated_for_secrets", "designation_ref", "designation_date")
DELEGATION_FIELDS = ("grantor", "document_ref", "scope", "operations", "max_level", "valid_from", "valid_until")


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def current_values(person: Person, kind: str) -> dict[str, Any]:
    """What the request would change, as it stands now."""
    if kind == AccessKind.CLEARANCE:
        return {"clearance": person.clearance}
    if kind == AccessKind.DESIGNATION:
        return {f: _json(getattr(person, f)) for f in DESIGNATION_FIELDS}
    return {}


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: {"old": old.get(k), "new": v} for k, v in new.items() if old.get(k) != v}


# Requests ----------------------------------------------------------------------------------------------------


def access_submit_check(actor: Person, person: Person) -> None:
    """No one asks for their own access (S7); an inactive account gets none."""
    if actor.pk == person.pk:
        raise PermissionDenied(_("Nobody may request state secret access for themselves."), rule="S7")
    if not person.is_active:
        raise DomainError(_("The official's account is locked."))


def access_request_submit(
    *, actor: Person, person: Person, kind: str, payload: dict[str, Any], reasons: str = ""
) -> AccessRequest:
    """File a request to grant ``person`` access; nothing changes until the head decides (S7)."""
    if kind not in AccessKind.values:
        raise DomainError(_("Invalid access request kind."))
    payload = {k: _json(v) for k, v in payload.items()}
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        access_submit_check(actor, person)
        if kind == AccessKind.CLEARANCE and payload.get("clearance") not in Level.values:
            raise DomainError(_("Invalid requested secrecy level."), field="clearance")
        if kind == AccessKind.DESIGNATION and not str(payload.get("designation_ref", "")).strip():
            raise DomainError(
                _("An assignment to state secret work needs a document number."), rule="R38", field="designation_ref"
            )
        if kind == AccessKind.DELEGATION:
            try:
                _delegation(person, payload).full_clean()  # R13 before anyone is asked
            except ValidationError as exc:
                raise _invalid(exc) from None
        if AccessRequest.objects.filter(person=person, kind=kind, status=AccessStatus.PENDING).exists():
            raise DomainError(_("A request of the same kind for this official is already awaiting decision."))
        request = AccessRequest.objects.create(
            kind=kind,
            person=person,
            payload=payload,
            reasons=reasons.strip(),
            requester=actor,
            requested_at=clock.now(),
        )
        record(
            actor,
            "org.access.requested",
            person,
            basis=BASIS[kind],
            data={
                "request_id": request.pk,
                "kind": kind,
                "reasons": request.reasons,
                "changes": _changes(current_values(person, kind), payload),
            },
        )
    return request


def may_decide(actor: Person, request: AccessRequest) -> bool:
    """The grantor decides a delegation; the head of the person's agency, or of one above it, the rest."""
    if not actor.is_active or actor.position != Position.HEAD or actor.organisation_id is None:
        return False
    if request.kind == AccessKind.DELEGATION:
        return bool(actor.pk == request.payload.get("grantor"))
    person = request.person
    if person.organisation is None:
        return False
    agency = person.organisation.registering_agency()
    if actor.organisation_id not in {agency.pk, *(a.pk for a in agency.ancestors())}:
        return False
    # A head grants no clearance above their own.
    return request.kind != AccessKind.CLEARANCE or rank(actor.clearance) >= rank(request.payload.get("clearance"))


def access_decide_check(actor: Person, request: AccessRequest) -> None:
    """Pending, not the requester's nor the concerned person's own (S7), and the actor is competent."""
    if request.status != AccessStatus.PENDING:
        raise DomainError(_('This request is already "{status}".').format(status=request.get_status_display()))
    if actor.pk == request.requester_id:
        raise PermissionDenied(_("The requester may not decide their own request."), rule="S7")
    if actor.pk == request.person_id:
        raise PermissionDenied(_("Nobody may decide state secret access for themselves."), rule="S7")
    if not may_decide(actor, request):
        if request.kind == AccessKind.DELEGATION:
            message = _("You have no authority to decide this request: only the head who signs the delegation.")
        else:
            message = _(
                "You have no authority to decide this request: only the head of the official's agency or of a "
                "parent agency, cleared up to the requested level."
            )
        raise PermissionDenied(message, rule="S7")


def _delegation(deputy: Person, payload: dict[str, Any]) -> Delegation:
    # Unsaved and possibly incomplete on purpose (None where a value is missing): full_clean() reports it.
    return Delegation(  # type: ignore[misc]
        grantor_id=payload.get("grantor"),
        deputy=deputy,
        document_ref=payload.get("document_ref", ""),
        scope=payload.get("scope", ""),
        operations=list(payload.get("operations") or []),
        max_level=payload.get("max_level", ""),
        valid_from=dt.date.fromisoformat(payload["valid_from"]) if payload.get("valid_from") else None,
        valid_until=dt.date.fromisoformat(payload["valid_until"]) if payload.get("valid_until") else None,
    )


def _invalid(exc: ValidationError) -> DomainError:
    return DomainError(" ".join(exc.messages))


def _apply(request: AccessRequest, person: Person) -> tuple[dict[str, dict[str, Any]], Delegation | None]:
    payload = request.payload
    if request.kind == AccessKind.DELEGATION:
        delegation = _delegation(person, payload)
        try:
            delegation.full_clean()  # R13: a head, to a deputy, known operations, ordered dates
        except ValidationError as exc:
            raise _invalid(exc) from None
        delegation.save()
        return _changes({}, {k: payload.get(k) for k in DELEGATION_FIELDS}), delegation
    before = current_values(person, request.kind)
    if request.kind == AccessKind.CLEARANCE:
        person.clearance = payload["clearance"]
    else:
        person.designated_for_secrets = True
        person.designation_ref = payload.get("designation_ref", "")
        person.designation_date = (
            dt.date.fromisoformat(payload["designation_date"]) if payload.get("designation_date") else None
        )
        try:
            person.clean()  # R38: a designation cites its written decision
        except ValidationError as exc:
            raise _invalid(exc) from None
    fields = ["clearance"] if request.kind == AccessKind.CLEARANCE else list(DESIGNATION_FIELDS)
    person.save(update_fields=fields)
    return _changes(before, current_values(person, request.kind)), None


def _locked(request: AccessRequest) -> AccessRequest:
    """The request row, locked; its person and unit read along (not locked: an outer join cannot be)."""
    return (
        AccessRequest.objects.select_for_update(of=("self",)).select_related("person__organisation").get(pk=request.pk)
    )


def access_request_approve(*, actor: Person, request: AccessRequest, reasons: str = "") -> AccessRequest:
    """The head approves: the access is granted now, with its old and new values in the audit log."""
    with transaction.atomic():
        request = _locked(request)
        access_decide_check(actor, request)
        person = Person.objects.select_for_update().get(pk=request.person_id)
        changes, delegation = _apply(request, person)
        request.status, request.decided_by, request.decided_at = AccessStatus.APPROVED, actor, clock.now()
        request.decision_reasons = reasons.strip()
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_reasons"])
        record(
            actor,
            "org.access.approved",
            person,
            basis=BASIS[request.kind],
            data={
                "request_id": request.pk,
                "kind": request.kind,
                "requester_id": request.requester_id,
                "reasons": request.decision_reasons,
                "changes": changes,
            },
        )
        if delegation is not None:
            record(
                actor,
                "org.delegation.granted",
                delegation,
                basis="R13",
                data={"request_id": request.pk, "changes": changes},
            )
    return request


def access_request_refuse(*, actor: Person, request: AccessRequest, reasons: str) -> AccessRequest:
    """The head refuses, in writing; nothing is granted."""
    with transaction.atomic():
        request = _locked(request)
        access_decide_check(actor, request)
        if not reasons.strip():
            raise DomainError(_("A refusal must state the reasons."), field="reasons")
        request.status, request.decided_by, request.decided_at = AccessStatus.REFUSED, actor, clock.now()
        request.decision_reasons = reasons.strip()
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_reasons"])
        record(
            actor,
            "org.access.refused",
            request.person,
            basis=BASIS[request.kind],
            data={"request_id": request.pk, "kind": request.kind, "reasons": request.decision_reasons},
        )
    return request


# Delegations -------------------------------------------------------------------------------------------------


def delegation_revoke_check(actor: Person, delegation: Delegation) -> None:
    """The head of the granting unit, or an administrator, revokes a delegation still in force (R13)."""
    is_head = actor.position == Position.HEAD and actor.organisation_id == delegation.grantor.organisation_id
    if not (is_head or actor.is_staff or actor.is_superuser):
        raise PermissionDenied(_("Only the head of the agency that delegated may revoke the delegation."), rule="R13")
    if delegation.revoked_at is not None:
        raise DomainError(_("This delegation has already been revoked."), rule="R13")


def delegation_revoke(*, actor: Person, delegation: Delegation, reason: str = "") -> Delegation:
    """End a delegation now (it only ever narrows who may decide, so it needs no one else's decision)."""
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().select_related("grantor").get(pk=delegation.pk)
        delegation_revoke_check(actor, delegation)
        delegation.revoked_at = clock.now()
        delegation.save(update_fields=["revoked_at"])
        record(
            actor,
            "org.delegation.revoked",
            delegation,
            basis="R13",
            data={
                "reason": reason.strip(),
                "changes": {"revoked_at": {"old": None, "new": delegation.revoked_at.isoformat()}},
            },
        )
    return delegation


# A person's own API token ------------------------------------------------------------------------------------


def token_check(actor: Person, person: Person) -> None:
    """Each person issues and revokes only their own token: no one mints one for someone else."""
    if actor.pk != person.pk:
        raise PermissionDenied(_("Each person issues and revokes only their own API token."))
    if not person.is_active:
        raise DomainError(_("The account is locked."))


def token_revoke_check(actor: Person, person: Person) -> None:
    token_check(actor, person)
    if not Token.objects.filter(user=person).exists():
        raise DomainError(_("You have no API token yet."))


def token_issue(*, actor: Person, person: Person) -> Token:
    """A new token for oneself; the old one, if any, stops working at once."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        token_check(actor, person)
        replaced = Token.objects.filter(user=person).delete()[0] > 0
        token = Token.objects.create(user=person)
        record(actor, "org.token.issued", person, data={"replaced": replaced})
    return token


def token_revoke(*, actor: Person, person: Person) -> None:
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        token_revoke_check(actor, person)
        Token.objects.filter(user=person).delete()
        record(actor, "org.token.revoked", person)


def delegation_grant_check(actor: Person, _subject: object = None) -> None:
    """Only a head delegates, in their own name (R13)."""
    if not actor.is_active or actor.position != Position.HEAD:
        raise PermissionDenied(_("Only the head may delegate to a deputy."), rule="R13")


def delegation_grant(
    *,
    actor: Person,
    deputy: Person,
    document_ref: str,
    scope: str,
    operations: Sequence[str],
    max_level: str,
    valid_from: dt.date,
    valid_until: dt.date,
) -> Delegation:
    """The head (``actor``) authorises a deputy of their own unit in writing (R13)."""
    with transaction.atomic():
        delegation_grant_check(actor)
        if deputy.organisation_id != actor.organisation_id:
            raise DomainError(_("Delegate only to a deputy of your own agency or unit."), rule="R13", field="deputy")
        if not document_ref.strip():
            raise DomainError(_("Record the delegation document number."), rule="R13", field="document_ref")
        if valid_until < valid_from:
            raise DomainError(_("The end date must be after the start date."), rule="R13", field="valid_until")
        delegation = Delegation(
            grantor=actor,
            deputy=deputy,
            document_ref=document_ref.strip(),
            scope=scope.strip(),
            operations=list(operations),
            max_level=max_level,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        try:
            delegation.full_clean()
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), rule="R13") from None
        delegation.save()
        record(
            actor,
            "org.delegation.granted",
            delegation,
            basis="R13",
            data={
                "document_ref": delegation.document_ref,
                "deputy": str(deputy),
                "operations": list(operations),
                "max_level": max_level,
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(),
            },
        )
    return delegation

"""A head's written delegation to a deputy: granted and revoked as audited operations (R13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied

from .models import Delegation, Person, Position


def delegation_grant_check(actor: Person, _subject: object = None) -> None:
    """Only a head delegates, in their own name (R13)."""
    if not actor.is_active or actor.position != Position.HEAD:
        raise PermissionDenied("Chỉ người đứng đầu mới được ủy quyền cho cấp phó.", rule="R13")


def delegation_grant(*, actor: Person, deputy: Person, document_ref: str, scope: str, operations: Sequence[str],
                     max_level: str, valid_from: dt.date, valid_until: dt.date) -> Delegation:
    """The head (``actor``) authorises a deputy of their own unit in writing (R13)."""
    with transaction.atomic():
        delegation_grant_check(actor)
        if deputy.organisation_id != actor.organisation_id:
            raise DomainError("Chỉ ủy quyền cho cấp phó của chính cơ quan, đơn vị mình.", rule="R13",
                              field="deputy")
        if not document_ref.strip():
            raise DomainError("Phải ghi số văn bản ủy quyền.", rule="R13", field="document_ref")
        if valid_until < valid_from:
            raise DomainError("Ngày hết hiệu lực phải sau ngày bắt đầu.", rule="R13", field="valid_until")
        delegation = Delegation(grantor=actor, deputy=deputy, document_ref=document_ref.strip(), scope=scope.strip(),
                                operations=list(operations), max_level=max_level, valid_from=valid_from,
                                valid_until=valid_until)
        try:
            delegation.full_clean()
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), rule="R13") from None
        delegation.save()
        record(actor, "org.delegation.granted", delegation, basis="R13",
               data={"document_ref": delegation.document_ref, "deputy": str(deputy),
                     "operations": list(operations), "max_level": max_level,
                     "valid_from": valid_from.isoformat(), "valid_until": valid_until.isoformat()})
    return delegation


def delegation_revoke_check(actor: Person, delegation: Delegation) -> None:
    """The head of the grantor's unit revokes a delegation still in force (R13)."""
    if actor.position != Position.HEAD or actor.organisation_id != delegation.grantor.organisation_id:
        raise PermissionDenied("Chỉ người đứng đầu cơ quan đã ủy quyền mới được thu hồi ủy quyền.", rule="R13")
    if delegation.revoked_at is not None:
        raise DomainError("Ủy quyền này đã bị thu hồi.", rule="R13")


def delegation_revoke(*, actor: Person, delegation: Delegation, reason: str) -> Delegation:
    """End a delegation from now on; decisions already taken under it stand (R13)."""
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().select_related("grantor").get(pk=delegation.pk)
        delegation_revoke_check(actor, delegation)
        if not reason.strip():
            raise DomainError("Phải nêu lý do thu hồi ủy quyền.", rule="R13", field="reason")
        delegation.revoked_at = clock.now()
        delegation.save(update_fields=["revoked_at"])
        record(actor, "org.delegation.revoked", delegation, basis="R13",
               data={"document_ref": delegation.document_ref, "deputy": str(delegation.deputy),
                     "reason": reason.strip()})
    return delegation

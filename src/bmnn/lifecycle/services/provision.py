"""Provide or transfer a secret to a Vietnamese party (R33) or to a foreign party (R34)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request
from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.org.models import Person
from bmnn.registry.choices import Status
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier

from ..models import Provision, RecipientKind
from .common import approved, approved_check, close, require_custodian_or_keeper, submit

# The request fields each kind of recipient must give, with the words the refusal uses.
# Law 29/2018 art. 15(3) (R33); Law 117/2025 art. 16 (R34).
REQUIRED_FIELDS: dict[str, dict[str, str]] = {
    RecipientKind.ORGANISATION: {"representative": "người đại diện"},
    RecipientKind.PERSON: {
        "id_number": "số định danh cá nhân, hộ chiếu hoặc giấy chứng minh",
        "address": "địa chỉ liên hệ",
        "position": "chức vụ",
    },
    RecipientKind.FOREIGN: {
        "nationality": "quốc tịch",
        "passport": "số hộ chiếu",
        "host_agency": "cơ quan Việt Nam chủ trì chương trình hợp tác hoặc công vụ",
    },
}

# R34: provision abroad only for an international cooperation programme or an official duty.
FOREIGN_PURPOSES = {
    "INTERNATIONAL_COOPERATION": "tham gia chương trình hợp tác quốc tế",
    "OFFICIAL_DUTY": "thi hành công vụ liên quan đến BMNN",
}


def provision_request_check(actor: Person, carrier: Carrier) -> None:
    """Only a record in storage is provided or transferred (R33)."""
    guard(carrier, "provide")


def provision_foreign_check(actor: Person, carrier: Carrier) -> None:
    """Nobody in this system decides a TUYET_MAT provision abroad (R34)."""
    guard(carrier, "provide")
    if carrier.level == Level.TUYET_MAT:
        raise DomainError(
            _(
                "A Top Secret state secret is provided abroad only on the decision of the General Secretary, "
                "the President, the Prime Minister or the Chairman of the National Assembly; "
                "nobody in this system may decide it."
            ),
            rule="R34",
        )


def provision_request(
    *,
    actor: Person,
    carrier: Carrier,
    recipient_kind: str,
    recipient_name: str,
    fields: dict[str, Any],
    purpose: str,
    commitment: str,
    transfer: bool = False,
) -> Request:
    """Record a party's request for a secret, with every field R33 or R34 requires, for a competent decision."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        foreign = recipient_kind == RecipientKind.FOREIGN
        rule = "R34" if foreign else "R33"
        provision_request_check(actor, carrier)
        if recipient_kind not in RecipientKind.values:
            raise DomainError(_("Invalid kind of recipient."), rule=rule, field="recipient_kind")
        if foreign:
            provision_foreign_check(actor, carrier)
        values = {key: str(fields.get(key, "")).strip() for key in REQUIRED_FIELDS[recipient_kind]}
        missing = [label for key, label in REQUIRED_FIELDS[recipient_kind].items() if not values[key]]
        missing += [
            label
            for label, value in (
                ("tên bên nhận", recipient_name),
                ("mục đích sử dụng", purpose),
                ("cam kết bảo vệ BMNN", commitment),
            )
            if not value.strip()
        ]
        if missing:
            raise DomainError(
                _("The written request for provision or transfer must state: {missing}.").format(
                    missing=", ".join(missing)
                ),
                rule=rule,
            )
        if foreign:
            values.update(_foreign_terms(fields))
        payload = {
            "recipient_kind": recipient_kind,
            "recipient_name": recipient_name.strip(),
            **values,
            "secret": str(carrier),
            "purpose": purpose.strip(),
            "commitment": commitment.strip(),
            "transfer": transfer,
        }
        operation = Operation.PROVIDE_FOREIGN if foreign else Operation.PROVIDE
        return submit(actor=actor, carrier=carrier, operation=operation, reasons=purpose, payload=payload)


def _foreign_terms(fields: dict[str, Any]) -> dict[str, Any]:
    """R34: a purpose the law allows and the commitment not to pass the secret to a third party."""
    purpose_kind = fields.get("purpose_kind", "")
    if purpose_kind not in FOREIGN_PURPOSES:
        raise DomainError(
            _("A foreign party is provided with it only for {purposes}.").format(
                purposes=" hoặc ".join(FOREIGN_PURPOSES.values())
            ),
            rule="R34",
            field="purpose_kind",
        )
    if fields.get("no_third_party") is not True:
        raise DomainError(
            _("The foreign party must commit not to provide or transfer it to a third party."),
            rule="R34",
            field="no_third_party",
        )
    return {"purpose_kind": purpose_kind, "no_third_party": True}


def provision_execute_check(actor: Person, request: Request) -> None:
    """The custodian or the clerk hands over a record in storage, once the provision is approved (R33, R34)."""
    carrier = approved_check(request, Operation.PROVIDE, Operation.PROVIDE_FOREIGN)
    guard(carrier, "provide")
    rule = "R34" if request.operation == Operation.PROVIDE_FOREIGN else "R33"
    require_custodian_or_keeper(
        actor, carrier, _("Only the manager or a clerk may hand the state secret to the recipient."), rule
    )


def provision_execute(*, actor: Person, request: Request) -> Provision:
    """Hand the secret over as decided; a transfer leaves the registry for good, a provision does not."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        carrier = approved(request, Operation.PROVIDE, Operation.PROVIDE_FOREIGN)
        provision_execute_check(actor, request)
        rule = "R34" if request.operation == Operation.PROVIDE_FOREIGN else "R33"
        payload = request.payload
        transfer = bool(payload.get("transfer"))
        provision = Provision.objects.create(
            request=request,
            carrier=carrier,
            recipient_kind=payload["recipient_kind"],
            recipient_name=payload["recipient_name"],
            provided_at=clock.now(),
            provided_by=actor,
            transfer=transfer,
        )
        if transfer:
            carrier.status = Status.PROVIDED
            carrier.save(update_fields=["status"])
        close(request)
        record(
            actor,
            "lifecycle.provided",
            carrier,
            basis=rule,
            data={
                "provision_id": provision.pk,
                "recipient_kind": provision.recipient_kind,
                "recipient": provision.recipient_name,
                "transfer": transfer,
                "purpose": payload["purpose"],
                "approver": str(request.decided_by),
                "decision_basis": request.decision_basis,
                "request_id": request.pk,
            },
        )
    return provision

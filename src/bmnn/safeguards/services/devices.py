"""The device register: register, inspect, use for secrets, wipe, move, dispose (P3, R29, R31)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.text import Message
from bmnn.org.models import Organisation, Person

from ..choices import (
    Connection,
    DeviceKind,
    DeviceOrigin,
    DeviceStatus,
    InspectionResult,
    SanitisationMethod,
)
from ..models import Device, DeviceInspection, DeviceSanitisation
from ..policies import require_agency_manager, require_manager
from ..selectors import last_passed_inspection

INTERNET_REFUSAL = gettext_lazy(
    "A device connected to the Internet must not be used to draft, store or process state secrets; "
    "use a standalone computer or an isolated LAN."
)


def _locked(device: Device) -> Device:
    return Device.objects.select_for_update(of=("self",)).select_related("unit").get(pk=device.pk)


def device_managed_check(actor: Person, device: Device, what: Message, rule: str = "P3") -> None:
    """A device in service, and a manager of its unit's agency (P3); a disposed device takes nothing more (R31)."""
    if device.status == DeviceStatus.DISPOSED:
        raise DomainError(_("The device has been disposed of or destroyed."), rule="R31")
    require_manager(actor, device.unit, what, rule=rule)


def device_register_check(actor: Person, _subject: None = None) -> None:
    """P3: the managers of an agency keep its device register; the unit is checked with the input."""
    require_agency_manager(actor, _("register devices"), rule="P3")


def device_register(
    *,
    actor: Person,
    unit: Organisation,
    kind: str,
    name: str,
    connection: str,
    serial: str = "",
    location: str = "",
    origin: str = DeviceOrigin.PURCHASED,
    origin_note: str = "",
) -> Device:
    """Enter a device in the unit's register; it is not used for secrets until inspected (P3)."""
    with transaction.atomic():
        device_register_check(actor)
        require_manager(actor, unit, _("register devices"), rule="P3")
        if kind not in DeviceKind.values or connection not in Connection.values or origin not in DeviceOrigin.values:
            raise DomainError(_("Invalid device type, connection or origin."), rule="P3")
        if not name.strip():
            raise DomainError(_("Enter the device's name and brand."), rule="P3", field="name")
        if origin != DeviceOrigin.PURCHASED and not origin_note.strip():
            raise DomainError(
                _("A donated or sponsored device must name the donating or sponsoring agency, organisation or person."),
                rule="P3",
                field="origin_note",
            )
        device = Device.objects.create(
            unit=unit,
            kind=kind,
            name=name.strip(),
            serial=serial.strip(),
            location=location.strip(),
            connection=connection,
            origin=origin,
            origin_note=origin_note.strip(),
            registered_by=actor,
            registered_at=clock.now(),
        )
        record(
            actor,
            "safeguards.device.registered",
            device,
            basis="P3",
            data={"unit": str(unit), "kind": kind, "connection": connection, "origin": origin},
        )
    return device


def device_inspect_check(actor: Person, device: Device) -> None:
    """P3: a manager records inspections of a device in service."""
    device_managed_check(actor, device, _("record device security inspection results"))


def device_inspect(
    *, actor: Person, device: Device, inspected_on: dt.date, inspector: str, result: str, note: str = ""
) -> DeviceInspection:
    """Record a security inspection before use, gifts and sponsorship included (P3)."""
    with transaction.atomic():
        device = _locked(device)
        device_inspect_check(actor, device)
        if result not in InspectionResult.values:
            raise DomainError(_("Invalid inspection result."), rule="P3", field="result")
        if not inspector.strip():
            raise DomainError(_("Enter the inspecting person or unit."), rule="P3", field="inspector")
        if inspected_on > clock.today():
            raise DomainError(_("The inspection date cannot be in the future."), rule="P3", field="inspected_on")
        inspection = DeviceInspection.objects.create(
            device=device,
            inspected_on=inspected_on,
            inspector=inspector.strip(),
            result=result,
            note=note.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        if result == InspectionResult.FAILED and device.used_for_secrets:
            # P3: a device that fails inspection stops handling secrets at once.
            device.used_for_secrets = False
            device.save(update_fields=["used_for_secrets"])
        record(
            actor,
            "safeguards.device.inspected",
            device,
            basis="P3",
            data={
                "inspection_id": inspection.pk,
                "result": result,
                "inspector": inspection.inspector,
                "on": inspected_on.isoformat(),
            },
        )
    return inspection


def device_secret_use_check(actor: Person, device: Device) -> None:
    """P3, R29: a manager decides whether a device in service handles secrets."""
    device_managed_check(actor, device, _("change whether a device is used for state secrets"))


def device_set_secret_use(*, actor: Person, device: Device, used: bool) -> Device:
    """Mark a device as used (or no longer used) for secrets (P3, R29)."""
    with transaction.atomic():
        device = _locked(device)
        device_secret_use_check(actor, device)
        if used:
            if device.connection == Connection.INTERNET:
                raise DomainError(INTERNET_REFUSAL, rule="R29", field="used")  # R29
            passed = last_passed_inspection(device)
            if passed is None:
                raise DomainError(
                    _("The device has not passed a security inspection and is not yet used for state secrets."),
                    rule="P3",
                    field="used",
                )
            last = device.inspections.order_by("-inspected_on", "-pk").first()
            if last is not None and last.result == InspectionResult.FAILED:
                raise DomainError(_("The latest security inspection failed."), rule="P3", field="used")
        if device.used_for_secrets == used:
            raise DomainError(_("The device already has this status."), rule="P3")
        device.used_for_secrets = used
        device.needs_wipe = device.needs_wipe or used  # R31: once it held secrets, it needs a wipe before reuse
        device.save(update_fields=["used_for_secrets", "needs_wipe"])
        record(
            actor,
            "safeguards.device.secret_use_changed",
            device,
            basis="R29" if used else "P3",
            data={"used_for_secrets": used},
        )
    return device


def device_connection_check(actor: Person, device: Device) -> None:
    """R29: a manager changes how a device in service is connected."""
    device_managed_check(actor, device, _("change a device's network connection"), rule="R29")


def device_change_connection(*, actor: Person, device: Device, connection: str) -> Device:
    """Change how a device is connected; never to the Internet while it holds secrets (R29, R31)."""
    with transaction.atomic():
        device = _locked(device)
        device_connection_check(actor, device)
        if connection not in Connection.values:
            raise DomainError(_("Invalid connection."), rule="P3", field="connection")
        if connection == Connection.INTERNET and device.used_for_secrets:
            raise DomainError(INTERNET_REFUSAL, rule="R29", field="connection")  # R29
        if connection == Connection.INTERNET and device.needs_wipe:
            raise DomainError(
                _(
                    "The device has stored state secrets: wipe it or destroy its storage before connecting it to "
                    "the Internet."
                ),
                rule="R31",
                field="connection",
            )  # R31
        old, device.connection = device.connection, connection
        device.save(update_fields=["connection"])
        record(actor, "safeguards.device.connection_changed", device, basis="R29", data={"from": old, "to": connection})
    return device


def device_sanitise_check(actor: Person, device: Device) -> None:
    """R31: a device is wiped only once it no longer handles secrets."""
    device_managed_check(actor, device, _("record the wiping or destruction of data"), rule="R31")
    if device.used_for_secrets:
        raise DomainError(
            _("The device is used for state secrets: stop using it for state secrets before wiping it."), rule="R31"
        )


def device_sanitise(
    *, actor: Person, device: Device, method: str, done_on: dt.date, performed_by: str, note: str = ""
) -> DeviceSanitisation:
    """Record a wipe or destruction of the storage; destruction disposes of the device (R31)."""
    with transaction.atomic():
        device = _locked(device)
        device_sanitise_check(actor, device)
        if method not in SanitisationMethod.values:
            raise DomainError(_("Invalid measure."), rule="R31", field="method")
        if not performed_by.strip():
            raise DomainError(_("Enter who carried it out."), rule="R31", field="performed_by")
        if done_on > clock.today():
            raise DomainError(_("The date carried out cannot be in the future."), rule="R31", field="done_on")
        step = DeviceSanitisation.objects.create(
            device=device,
            method=method,
            done_on=done_on,
            performed_by=performed_by.strip(),
            note=note.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        device.needs_wipe = False
        if method == SanitisationMethod.DESTROY:
            device.status = DeviceStatus.DISPOSED
        device.save(update_fields=["needs_wipe", "status"])
        record(
            actor,
            "safeguards.device.sanitised",
            device,
            basis="R31",
            data={"sanitisation_id": step.pk, "method": method, "on": done_on.isoformat()},
        )
    return step


def _require_wiped(device: Device, what: Message) -> None:
    if device.used_for_secrets or device.needs_wipe:
        raise DomainError(
            _(
                "The device has stored state secrets: it needs a record of wiping or destroying its data before {what}."
            ).format(what=what),
            rule="R31",
        )  # R31


def device_reassign_check(actor: Person, device: Device) -> None:
    """R31: a device that held secrets moves only after a recorded wipe."""
    device_managed_check(actor, device, _("transfer devices"), rule="R31")
    _require_wiped(device, _("handing it over or reusing it"))


def device_reassign(*, actor: Person, device: Device, unit: Organisation, location: str = "") -> Device:
    """Hand a device to another unit or user: only after a recorded wipe if it held secrets (R31)."""
    with transaction.atomic():
        device = _locked(device)
        device_reassign_check(actor, device)
        require_manager(actor, unit, _("receive devices for this unit"), rule="R31")
        old = device.unit
        device.unit, device.location = unit, location.strip()
        device.save(update_fields=["unit", "location"])
        record(
            actor,
            "safeguards.device.reassigned",
            device,
            basis="R31",
            data={"from": str(old), "to": str(unit), "location": device.location},
        )
    return device


def device_dispose_check(actor: Person, device: Device) -> None:
    """R31: a device that held secrets leaves service only after a recorded wipe."""
    device_managed_check(actor, device, _("dispose of devices"), rule="R31")
    _require_wiped(device, _("disposing of it"))


def device_dispose(*, actor: Person, device: Device, note: str) -> Device:
    """Take a device out of service (sale, gift, scrap): only after a recorded wipe if it held secrets (R31)."""
    with transaction.atomic():
        device = _locked(device)
        device_dispose_check(actor, device)
        if not note.strip():
            raise DomainError(_("Enter the disposal method and document."), rule="R31", field="note")
        device.status = DeviceStatus.DISPOSED
        device.save(update_fields=["status"])
        record(actor, "safeguards.device.disposed", device, basis="R31", data={"note": note.strip()})
    return device

"""Import a sweep: many computers' `bmnn-scan --format jsonl` results in one go, summed up per unit (P3).

What an inspection team brings back from a school or a commune: one result file per computer,
named after the computer's serial number in the device register ("DL-7090-01.jsonl"). Every file
is matched to a device in use of the actor's agency first; an unknown, ambiguous or repeated name,
a malformed line in any file, or a device the actor may not manage refuses the whole sweep and
imports nothing. Each file is then imported like a single one (:func:`.scans.scan_import`,
audited), and the :class:`~bmnn.safeguards.models.Sweep` keeps, per unit, the computers swept, the
files found bearing a level mark, the files that could not be checked, the Internet-connected
computers holding such files (R29) and the unit's computers in use that brought back no result.
Reads go through ``selectors.sweep_units`` (finding paths as the reader may see them, S2).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.org.models import Organisation, Person

from ..choices import Connection, DeviceKind, DeviceStatus
from ..models import Device, ScanImport, Sweep
from ..policies import agency_scope, require_agency_manager
from .scans import scan_import

_SUFFIXES = (".jsonl", ".json", ".txt", ".ndjson")


def device_key(filename: str) -> str:
    """Return the serial number a result file is named after ("May 01/DL-7090-01.jsonl" -> "dl-7090-01")."""
    base = posixpath.basename(filename.replace("\\", "/")).strip()
    for suffix in _SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    return base.strip().casefold()


def match_devices(actor: Person, files: Sequence[tuple[str, bytes]]) -> list[tuple[Device, str, bytes]]:
    """Pair each result file with the device in use, in the actor's agency, named by the file (P3).

    Refuses, naming every problem file at once: a name no device of the agency has (a device of
    another agency is unknown here, not named), a serial number shared by several devices, and two
    files for the same device.
    """
    if not files:
        raise DomainError(_("There is no scan result file yet."), rule="P3", field="files")
    by_serial: dict[str, list[Device]] = {}
    in_use = Device.objects.filter(status=DeviceStatus.IN_USE, unit_id__in=agency_scope(actor)).exclude(serial="")
    for device in in_use.select_related("unit"):
        by_serial.setdefault(device.serial.strip().casefold(), []).append(device)
    unknown, ambiguous, repeated = [], [], []
    seen: dict[int, str] = {}
    paired = []
    for filename, data in files:
        devices = by_serial.get(device_key(filename), [])
        if not devices:
            unknown.append(filename)
        elif len(devices) > 1:
            ambiguous.append(filename)
        elif devices[0].pk in seen:
            repeated.append(filename)
        else:
            seen[devices[0].pk] = filename
            paired.append((devices[0], filename, data))
    problems = []
    if unknown:
        problems.append(_("no device in use has the serial number {serials}").format(serials=", ".join(unknown)))
    if ambiguous:
        problems.append(_("serial number shared by several devices: {serials}").format(serials=", ".join(ambiguous)))
    if repeated:
        problems.append(_("two files for the same device: {files}").format(files=", ".join(repeated)))
    if problems:
        raise DomainError(
            _(
                "Sweep not imported: {problems}. Each result file must be named after the computer's serial number."
            ).format(problems="; ".join(problems)),
            rule="P3",
            field="files",
        )
    return paired


def sweep_import_check(actor: Person, _subject: Any = None) -> None:
    """P3: the head, a deputy or the clerk imports a sweep of their agency's computers."""
    require_agency_manager(actor, _("import sweep results"), rule="P3")


def sweep_import(*, actor: Person, files: Sequence[tuple[str, bytes]]) -> Sweep:
    """Import every computer's result of a sweep, all or nothing, and sum it up per unit (P3, R29)."""
    with transaction.atomic():
        sweep_import_check(actor)
        paired = match_devices(actor, files)
        sweep = Sweep.objects.create(
            agency=cast(Organisation, actor.agency()),
            imported_by=actor,  # checked above (P3)
            imported_at=clock.now(),
            files=len(paired),
        )
        imports = [_import_one(actor, sweep, device, filename, data) for device, filename, data in paired]
        sweep.summary = _summary(imports)
        sweep.save(update_fields=["summary"])
        units = sweep.summary
        record(
            actor,
            "safeguards.sweep.imported",
            sweep.agency,
            basis="P3",
            data={
                "sweep_id": sweep.pk,
                "files": sweep.files,
                "units": len(units),
                "secret": sum(u["secret"] for u in units),
                "error": sum(u["error"] for u in units),
                "not_swept": sum(len(u["not_swept"]) for u in units),
            },
        )
    return sweep


def _import_one(actor: Person, sweep: Sweep, device: Device, filename: str, data: bytes) -> ScanImport:
    """One computer's file, as a single import; a refusal names the file it comes from."""
    try:
        scan = scan_import(actor=actor, device=device, filename=filename, data=data)
    except DomainError as exc:
        raise type(exc)(
            _("File {filename}: {message}").format(filename=filename, message=exc.message), rule=exc.rule, field="files"
        ) from None
    scan.sweep = sweep
    scan.save(update_fields=["sweep"])
    return scan


def _summary(imports: list[ScanImport]) -> list[dict[str, Any]]:
    """Per unit, in name order: counts, the swept devices, Internet computers holding marked files (R29),
    and the unit's computers in use that brought back no result."""
    units: dict[int, dict[str, Any]] = {}
    for scan in imports:
        device = scan.device
        unit = units.setdefault(
            device.unit_id,
            {
                "unit_id": device.unit_id,
                "unit": device.unit.name,
                "scans": [],
                "lines": 0,
                "secret": 0,
                "clean": 0,
                "error": 0,
                "internet_with_secrets": [],
                "not_swept": [],
            },
        )
        unit["scans"].append(scan.pk)
        unit["lines"] += scan.lines
        unit["secret"] += scan.secret_count
        unit["clean"] += scan.clean_count
        unit["error"] += scan.error_count
        if scan.secret_count and device.connection == Connection.INTERNET:
            unit["internet_with_secrets"].append(device.pk)
    swept = {scan.device_id for scan in imports}
    computers = Device.objects.filter(unit_id__in=units, kind=DeviceKind.COMPUTER, status=DeviceStatus.IN_USE).exclude(
        pk__in=swept
    )
    for device in computers.order_by("name", "pk"):
        units[device.unit_id]["not_swept"].append(device.pk)
    return sorted(units.values(), key=lambda u: (u["unit"], u["unit_id"]))

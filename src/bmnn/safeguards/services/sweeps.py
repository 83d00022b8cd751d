"""Import a sweep: many computers' `bmnn-scan --format jsonl` results in one go, summed up per unit (P3).

What an inspection team brings back from a school or a commune: one result file per computer,
named after the computer's serial number in the device register ("DL-7090-01.jsonl"). Every file
is matched to its device first; an unknown, ambiguous or repeated name, a malformed line in any
file, or a device the actor may not manage refuses the whole sweep and imports nothing. Each file
is then imported like a single one (:func:`.scans.scan_import`, audited), and the result sums up,
per unit, the computers swept, the files found bearing a level mark, the files that could not be
checked, the Internet-connected computers holding such files (R29) and the unit's computers in use
that brought back no result.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from bmnn.core.errors import DomainError
from bmnn.org.models import Organisation, Person

from ..choices import Connection, DeviceKind, DeviceStatus
from ..models import Device, ScanImport
from .scans import scan_import

_SUFFIXES = (".jsonl", ".json", ".txt", ".ndjson")


@dataclass
class UnitSweep:
    """What a sweep found in one unit."""

    unit: Organisation
    imports: list[ScanImport] = field(default_factory=list)
    lines: int = 0
    secret: int = 0
    clean: int = 0
    error: int = 0
    internet_with_secrets: list[Device] = field(default_factory=list)  # R29 broken on these
    not_swept: list[Device] = field(default_factory=list)  # computers in use without a result file

    @property
    def devices(self) -> int:
        """Return how many computers of the unit were swept."""
        return len(self.imports)


@dataclass
class SweepResult:
    """The imports of one sweep and their summary per unit (in unit name order)."""

    imports: list[ScanImport]
    units: list[UnitSweep]


def device_key(filename: str) -> str:
    """Return the serial number a result file is named after ("May 01/DL-7090-01.jsonl" -> "dl-7090-01")."""
    base = posixpath.basename(filename.replace("\\", "/")).strip()
    for suffix in _SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    return base.strip().casefold()


def match_devices(files: Sequence[tuple[str, bytes]]) -> list[tuple[Device, str, bytes]]:
    """Pair each result file with the device in use whose serial number it is named after (P3).

    Refuses, naming every problem file at once: a name no device has, a serial number shared by
    several devices, and two files for the same device.
    """
    if not files:
        raise DomainError("Chưa có tệp kết quả quét nào.", rule="P3", field="files")
    by_serial: dict[str, list[Device]] = {}
    for device in Device.objects.filter(status=DeviceStatus.IN_USE).exclude(serial="").select_related("unit"):
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
        problems.append("không có thiết bị đang sử dụng mang số sê-ri " + ", ".join(unknown))
    if ambiguous:
        problems.append("số sê-ri trùng nhiều thiết bị: " + ", ".join(ambiguous))
    if repeated:
        problems.append("hai tệp cho cùng một thiết bị: " + ", ".join(repeated))
    if problems:
        raise DomainError(
            "Không nhập đợt quét: " + "; ".join(problems) + ". Tên tệp kết quả phải là số sê-ri của máy.",
            rule="P3",
            field="files",
        )
    return paired


def sweep_import(*, actor: Person, files: Sequence[tuple[str, bytes]]) -> SweepResult:
    """Import every computer's result of a sweep, all or nothing, and sum it up per unit (P3, R29)."""
    with transaction.atomic():
        imports = [
            scan_import(actor=actor, device=device, filename=filename, data=data)
            for device, filename, data in match_devices(files)
        ]
        units: dict[int, UnitSweep] = {}
        for scan in imports:
            device = scan.device
            summary = units.setdefault(device.unit_id, UnitSweep(unit=device.unit))
            summary.imports.append(scan)
            summary.lines += scan.lines
            summary.secret += scan.secret_count
            summary.clean += scan.clean_count
            summary.error += scan.error_count
            if scan.secret_count and device.connection == Connection.INTERNET:
                summary.internet_with_secrets.append(device)
        swept = {scan.device_id for scan in imports}
        computers = Device.objects.filter(
            unit_id__in=units, kind=DeviceKind.COMPUTER, status=DeviceStatus.IN_USE
        ).exclude(pk__in=swept)
        for device in computers.order_by("name", "pk"):
            units[device.unit_id].not_swept.append(device)
    return SweepResult(imports=imports, units=sorted(units.values(), key=lambda s: (s.unit.name, s.unit.pk)))

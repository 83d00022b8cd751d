"""Rows of the registers, built from the registry and lifecycle records a person may see (R18, R20, R21, S2)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.core.levels import Level
from bmnn.core.limits import FIRST_YEAR
from bmnn.legal.periods import envelope_letter
from bmnn.lifecycle.models import CopyJob
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import CopyForm, Direction, Status
from bmnn.registry.models import Carrier, Handover, RegisterSeries
from bmnn.registry.policies import visible_carriers
from bmnn.registry.selectors import registered

from .choices import Field, RegisterKind
from .models import RegisterLayout, RegisterVolume

LEVEL_LABEL: dict[str, str] = {str(k): str(v) for k, v in Level.choices}
STATUS_LABEL: dict[str, str] = {str(k): str(v) for k, v in Status.choices}
COPY_FORM_LABEL: dict[str, str] = {str(k): str(v) for k, v in CopyForm.choices}


def register_year_exists(year: int) -> bool:
    """Say whether a register of ``year`` can exist: from the state's first records to next year."""
    return FIRST_YEAR <= year <= clock.today().year + 1


def check_register_year(year: int) -> None:
    """Answer "not found", as for a missing book, for a year no register can have (0, 10000, ...)."""
    if not register_year_exists(year):
        raise NotFound


@dataclass
class Selection:
    """Which book to print: one register of one agency and year, optionally one volume or a filter."""

    agency: Organisation
    kind: str
    year: int
    volume: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit: Organisation | None = None
    level: str = ""

    def __post_init__(self) -> None:
        check_register_year(self.year)

    @property
    def filtered(self) -> bool:
        return bool(self.date_from or self.date_to or self.unit or self.level)

    def describe(self) -> str:
        """The filter in words, printed on the cover of a filtered print."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"từ ngày {_d(self.date_from) or '…'} đến ngày {_d(self.date_to) or '…'}")
        if self.unit:
            parts.append(f"đơn vị {self.unit.name}")
        if self.level:
            parts.append(f"độ {LEVEL_LABEL.get(self.level, self.level)}")
        return ("Bản in trích theo bộ lọc: " + "; ".join(parts)) if parts else ""


@dataclass
class Volume:
    number: int
    first_number: int
    last_number: int | None
    closed: bool


@dataclass
class Entry:
    """One row: its register number and date (for the cover) and the cells by field key."""

    number: int | None
    day: dt.date | None
    cells: dict[str, str] = field(default_factory=dict)


def _d(day: dt.date | dt.datetime | None) -> str:
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day)
    return f"{day:%d/%m/%Y}" if day else ""


def _letter(level: str, on: dt.date | None, known: dict[tuple[str, dt.date], str]) -> str:
    """The envelope letter in force for the level on the register day (R22); ``known`` remembers each
    (level, day) asked during one register, so a year of entries costs a query per day, not per entry."""
    key = (level, on or clock.today())
    letter = known.get(key)
    if letter is None:
        letter = known[key] = envelope_letter(*key)
    return letter


def _local(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def layout_for(kind: str, year: int) -> RegisterLayout:
    """The layout in force for a book of ``year``: on 31 December, or today for the running year (R21)."""
    check_register_year(year)
    on = min(clock.today(), dt.date(year, 12, 31))
    qs = RegisterLayout.objects.filter(kind=kind).prefetch_related("columns")
    layout = (
        qs.filter(effective_from__lte=on).order_by("-effective_from").first() or qs.order_by("effective_from").first()
    )
    if layout is None:
        raise RegisterLayout.DoesNotExist(f"Chưa có mẫu sổ cho {kind}.")
    return layout


def volumes(agency: Organisation, kind: str, year: int) -> list[Volume]:
    """Closed volumes of the year, then the open one (numbers after the last closed volume) (R20)."""
    closed = [
        Volume(v.number, v.first_number, v.last_number, True)
        for v in RegisterVolume.objects.filter(agency=agency, kind=kind, year=year).order_by("number")
    ]
    last = _series_last(agency, kind, year)
    start = (closed[-1].last_number or 0) + 1 if closed else 1
    if last >= start or not closed:
        closed.append(Volume(len(closed) + 1, start, last if last >= start else None, False))
    return closed


def cleared_for_year(person: Person, agency: Organisation, year: int) -> bool:
    """S2: whether ``person`` may see every record the agency registered in ``year`` (every entry of its books)."""
    return (
        not Carrier.objects.filter(agency=agency, reg_year=year)
        .exclude(pk__in=visible_carriers(person).values("pk"))
        .exists()
    )


def volumes_for(person: Person, agency: Organisation, kind: str, year: int) -> list[dict[str, Any]]:
    """The volumes as ``person`` may see them: their first and last numbers only to someone cleared for every
    entry of the year (R20, S2); to the others a volume is a number only, so no hidden entry can be counted."""
    shown = cleared_for_year(person, agency, year)
    return [
        {
            "number": v.number,
            "closed": v.closed,
            "shown": shown,
            "first_number": v.first_number if shown else None,
            "last_number": v.last_number if shown else None,
        }
        for v in volumes(agency, kind, year)
    ]


def _series_last(agency: Organisation, kind: str, year: int) -> int:
    if kind == RegisterKind.STATISTICS:
        return 0
    return RegisterSeries.objects.filter(agency=agency, kind=kind, year=year).aggregate(n=Max("last_number"))["n"] or 0


def years_in_use(agency: Organisation) -> list[int]:
    years = set(RegisterSeries.objects.filter(agency=agency).values_list("year", flat=True))
    years.add(clock.today().year)
    return sorted(years, reverse=True)


def _scope(person: Person | None) -> QuerySet[Carrier]:
    """The records a register shows: those ``person`` may see (S2); ``None`` only for the book as kept, which
    ``book_is_whole`` compares with and never shows."""
    return Carrier.objects.all() if person is None else visible_carriers(person)


def _unit_q(sel: Selection, prefix: str = "") -> Q:
    if sel.unit is None:
        return Q()
    return Q(**{f"{prefix}custodian__organisation_id__in": sel.unit.subtree_ids()})


def _carriers(person: Person | None, sel: Selection, direction: str) -> QuerySet[Carrier]:
    # R42: the same "registered" the annual report counts (bmnn.registry.selectors.registered).
    qs = (
        registered(direction, sel.date_from, sel.date_to, _scope(person))
        .filter(agency=sel.agency, reg_year=sel.year)
        .filter(_unit_q(sel))
    )
    if sel.level:
        qs = qs.filter(level=sel.level)
    if sel.volume:
        vol = next((v for v in volumes(sel.agency, sel.kind, sel.year) if v.number == sel.volume), None)
        if vol is None:
            return qs.none()
        qs = qs.filter(reg_number__gte=vol.first_number)
        if vol.last_number is not None:
            qs = qs.filter(reg_number__lte=vol.last_number)
    handovers = Handover.objects.select_related("to_person", "to_unit", "confirmed_by").order_by("handed_at")
    return (
        qs.select_related("decision_maker", "signer", "custodian__organisation")
        .prefetch_related(Prefetch("handovers", queryset=handovers))
        .order_by("reg_number")
    )


def type_abstract(carrier: Any) -> tuple[str, str]:
    """(type and abstract, abstract): the abstract is blank for TUYET_MAT on every print (R18)."""
    abstract = "" if carrier.level == Level.TUYET_MAT else (carrier.abstract or "")
    return (f"{carrier.doc_type} – {abstract}" if abstract else carrier.doc_type), abstract


def _receipts(handovers: Iterable[Handover]) -> str:
    done = [h for h in handovers if h.confirmed_by_id]
    return "; ".join(f"{h.confirmed_by} ({_d(h.confirmed_at)})" for h in done)


def _carrier_cells(c: Carrier, letters: dict[tuple[str, dt.date], str]) -> dict[str, str]:  # keys: Field values
    handovers = list(c.handovers.all())
    ta, abstract = type_abstract(c)
    recipients = "; ".join(line.strip(" -;") for line in (c.recipients or "").splitlines() if line.strip())
    receipts = _receipts(handovers)
    unit = c.custodian.organisation.name if c.custodian and c.custodian.organisation else ""
    notes = []
    if c.status != Status.IN_STORAGE:
        notes.append(STATUS_LABEL.get(c.status, str(c.status)))
    if c.unopened:
        notes.append("Bì chưa bóc, chuyển người có tên")
    if c.extensions:
        notes.append(f"Gia hạn {c.extensions} lần")
    reg_day = _local(c.received_at) if c.direction == Direction.INCOMING else _local(c.created_at)
    cells: dict[str, str] = {
        Field.REG_NUMBER: f"{c.reg_number:02d}",
        Field.REG_DATE: _d(reg_day),
        Field.DOC_NUMBER: c.doc_number,
        Field.DOC_DATE: _d(c.doc_date),
        Field.ISSUING_BODY: c.issuing_body or c.sender,
        Field.TYPE_ABSTRACT: ta,
        Field.DOC_TYPE: c.doc_type,
        Field.ABSTRACT: abstract,
        Field.LEVEL: LEVEL_LABEL.get(c.level, c.level),
        Field.LEVEL_LETTER: f"{LEVEL_LABEL.get(c.level, c.level)} ({_letter(c.level, reg_day, letters)})",
        Field.SIGNER: str(c.signer or c.decision_maker or ""),
        Field.RECIPIENTS: recipients,
        Field.RECIPIENTS_RECEIPT: recipients + (f"\nĐã ký nhận: {receipts}" if receipts else ""),
        Field.ARCHIVE_UNIT: unit,
        Field.UNIT_RECEIPT: unit + (f"\nĐã ký nhận: {receipts}" if receipts else ""),
        Field.COPIES: str(c.copies_issued),
        Field.SENT_DATE: _d(handovers[0].handed_at) if handovers else "",
        Field.RECEIPT: receipts,
        Field.NOTE: "; ".join(notes),
    }
    return cells


def _outgoing_or_incoming(person: Person | None, sel: Selection) -> list[Entry]:
    direction = _direction(sel)
    out: list[Entry] = []
    letters: dict[tuple[str, dt.date], str] = {}
    # In chunks (issue 17): a year of an agency's register holds 10,000 entries; their rows and hand-overs
    # are read 2,000 at a time instead of all at once.
    for c in _carriers(person, sel, direction).iterator(chunk_size=2000):
        cells = _carrier_cells(c, letters)
        day = _local(c.received_at) if direction == Direction.INCOMING else _local(c.created_at)
        out.append(Entry(c.reg_number, day, cells))
    return out


def _range_filter(qs: QuerySet[Any], sel: Selection, date_field: str) -> QuerySet[Any]:
    if sel.date_from:
        qs = qs.filter(**{f"{date_field}__date__gte": sel.date_from})
    if sel.date_to:
        qs = qs.filter(**{f"{date_field}__date__lte": sel.date_to})
    if sel.volume:
        vol = next((v for v in volumes(sel.agency, sel.kind, sel.year) if v.number == sel.volume), None)
        if vol is None:
            return qs.none()
        qs = qs.filter(number__gte=vol.first_number)
        if vol.last_number is not None:
            qs = qs.filter(number__lte=vol.last_number)
    return qs


def _delivery(person: Person | None, sel: Selection) -> list[Entry]:
    out = []
    for h in _handovers(person, sel).iterator(chunk_size=2000):
        c = h.carrier
        ta, abstract = type_abstract(c)
        label = c.doc_number or c.register_label
        if c.copy_number:
            label += f", bản sao số {c.copy_number}"
        cells: dict[str, str] = {
            Field.REG_NUMBER: f"{h.number:02d}",
            Field.REG_DATE: _d(h.handed_at),
            Field.SENT_DATE: _d(h.handed_at),
            Field.DOC_NUMBER: label,
            Field.DOC_DATE: _d(c.doc_date),
            Field.TYPE_ABSTRACT: ta,
            Field.DOC_TYPE: c.doc_type,
            Field.ABSTRACT: abstract,
            Field.LEVEL: LEVEL_LABEL.get(c.level, c.level),
            Field.LEVEL_LETTER: h.envelope_letter,
            Field.ENVELOPE: f"{h.envelope_letter}, {h.envelope_count} bì"
            + (" – Chỉ người có tên mới được bóc bì" if h.named_only else ""),
            Field.FROM_PERSON: str(h.from_person),
            Field.TO_RECIPIENT: h.recipient_label,
            Field.RECEIPT: f"{h.confirmed_by} ({_d(h.confirmed_at)})" if h.confirmed_by_id else "",
            Field.ISSUING_BODY: c.issuing_body,
            Field.NOTE: h.note or ("" if h.confirmed_by_id else "Chờ ký nhận"),
        }
        out.append(Entry(h.number, _local(h.handed_at), cells))
    return out


def _handovers(person: Person | None, sel: Selection) -> QuerySet[Handover]:
    qs = Handover.objects.filter(agency=sel.agency, year=sel.year, carrier__in=_scope(person))
    if sel.level:
        qs = qs.filter(carrier__level=sel.level)
    if sel.unit is not None:
        ids = sel.unit.subtree_ids()
        qs = qs.filter(
            Q(to_unit_id__in=ids) | Q(to_person__organisation_id__in=ids) | Q(from_person__organisation_id__in=ids)
        )
    return (
        _range_filter(qs, sel, "handed_at")
        .select_related("carrier", "from_person", "to_person", "to_unit", "confirmed_by")
        .order_by("number")
    )


def _copy_jobs(person: Person | None, sel: Selection) -> QuerySet[CopyJob]:
    qs = CopyJob.objects.filter(agency=sel.agency, year=sel.year, original__in=_scope(person))
    if sel.level:
        qs = qs.filter(original__level=sel.level)
    qs = qs.filter(_unit_q(sel, "original__")) if sel.unit is not None else qs
    return _range_filter(qs, sel, "made_at").select_related("original", "operator").order_by("number")


def _copies(person: Person | None, sel: Selection) -> list[Entry]:
    out = []
    for job in _copy_jobs(person, sel):
        c = job.original
        ta, abstract = type_abstract(c)
        numbers = sorted(
            n
            for n in Carrier.objects.filter(original=c, created_at=job.made_at).values_list("copy_number", flat=True)
            if n is not None
        )
        span = (f"số {numbers[0]}" if len(numbers) == 1 else f"số {numbers[0]}–{numbers[-1]}") if numbers else ""
        job_cells: dict[str, str] = {
            Field.REG_NUMBER: f"{job.number:02d}",
            Field.REG_DATE: _d(job.made_at),
            Field.SOURCE: ", ".join(p for p in (c.doc_type, c.doc_number, _d(c.doc_date), c.issuing_body) if p),
            Field.DOC_NUMBER: c.doc_number,
            Field.DOC_DATE: _d(c.doc_date),
            Field.TYPE_ABSTRACT: ta,
            Field.DOC_TYPE: c.doc_type,
            Field.ABSTRACT: abstract,
            Field.LEVEL: LEVEL_LABEL.get(c.level, c.level),
            Field.COPY_FORM: COPY_FORM_LABEL.get(job.form, job.form),
            Field.COPY_COUNT: f"{job.made_count} bản" + (f" ({span})" if span else ""),
            Field.COPY_RECIPIENTS: job.recipients,
            Field.APPROVER: job.approver_repr,
            Field.OPERATOR: str(job.operator),
            Field.SPOILED: str(job.spoiled_count) if job.spoiled_count else "",
            Field.ISSUING_BODY: c.issuing_body,
            Field.NOTE: "",
        }
        out.append(Entry(job.number, _local(job.made_at), job_cells))
    return out


def statistics(person: Person | None, sel: Selection) -> list[Entry]:
    """Counts of received and issued secrets per day and level over the year, with a total row (R42)."""
    counts: Counter[tuple[dt.date, str]] = Counter()
    for direction, prefix in ((Direction.INCOMING, "in"), (Direction.OUTGOING, "out")):
        sub = Selection(
            sel.agency, RegisterKind.OUTGOING, sel.year, None, sel.date_from, sel.date_to, sel.unit, sel.level
        )
        date_field = "received_at" if direction == Direction.INCOMING else "created_at"
        for moment, level in _carriers(person, sub, direction).values_list(date_field, "level"):
            day = _local(moment)
            if day is not None:
                counts[(day, f"{prefix}_{level}")] += 1
    days = sorted({day for day, _ in counts})
    out, totals = [], Counter[str]()
    for day in days:
        cells: dict[str, str] = {Field.STAT_DATE: _d(day)}
        for prefix in ("in", "out"):
            values = {lv: counts[(day, f"{prefix}_{lv}")] for lv in Level.values}
            for lv, n in values.items():
                cells[f"{prefix}_{lv}"] = str(n) if n else ""
                totals[f"{prefix}_{lv}"] += n
            cells[f"{prefix}_total"] = str(sum(values.values()))
            totals[f"{prefix}_total"] += sum(values.values())
        out.append(Entry(None, day, cells))
    total_row: dict[str, str] = {k: str(v) for k, v in totals.items()}
    total_row[Field.STAT_DATE] = "Cộng cả năm"
    out.append(Entry(None, None, {**{f: "0" for f in Field.values if f.startswith(("in_", "out_"))}, **total_row}))
    return out


BUILDERS: dict[str, Callable[[Person | None, Selection], list[Entry]]] = {
    RegisterKind.OUTGOING: _outgoing_or_incoming,
    RegisterKind.INCOMING: _outgoing_or_incoming,
    RegisterKind.DELIVERY: _delivery,
    RegisterKind.COPY: _copies,
    RegisterKind.STATISTICS: statistics,
}


def _direction(sel: Selection) -> str:
    return Direction.OUTGOING if sel.kind == RegisterKind.OUTGOING else Direction.INCOMING


def _registered_both(person: Person | None, sel: Selection) -> int:
    return sum(_carriers(person, sel, direction).count() for direction in (Direction.INCOMING, Direction.OUTGOING))


# The rows each register is made of, counted: what ``book_is_whole`` compares.
ROW_COUNTS: dict[str, Callable[[Person | None, Selection], int]] = {
    RegisterKind.OUTGOING: lambda person, sel: _carriers(person, sel, _direction(sel)).count(),
    RegisterKind.INCOMING: lambda person, sel: _carriers(person, sel, _direction(sel)).count(),
    RegisterKind.DELIVERY: lambda person, sel: _handovers(person, sel).count(),
    RegisterKind.COPY: lambda person, sel: _copy_jobs(person, sel).count(),
    RegisterKind.STATISTICS: _registered_both,
}


def register_entries(person: Person, sel: Selection) -> list[Entry]:
    """The entries of the selected register that ``person`` may see (S2), in register order."""
    return _entries(person, sel)


def book_is_whole(person: Person, sel: Selection, entries: list[Entry]) -> bool:
    """R20, S2: whether ``entries`` (what ``person`` sees of ``sel``) are the whole book as kept.

    Only then is the print the book, with its cover range of dates and numbers; a filter, or a single entry
    the person may not see, makes it an extract (trích sổ), which must not pass for the book.
    """
    if sel.filtered:
        return False
    # What a person sees is a subset of the book and each entry's cells depend on its row alone, so the
    # same number of rows means the same entries: two counts instead of building the book twice (issue 17).
    return ROW_COUNTS[sel.kind](None, sel) == ROW_COUNTS[sel.kind](person, sel)


def _entries(person: Person | None, sel: Selection) -> list[Entry]:
    entries = BUILDERS[sel.kind](person, sel)
    for seq, entry in enumerate(entries, start=1):
        is_total = sel.kind == RegisterKind.STATISTICS and entry.day is None
        entry.cells[Field.SEQ] = (
            "" if is_total else (f"{entry.number:02d}" if entry.number is not None else f"{seq:02d}")
        )
        entry.cells[Field.BLANK] = ""
    return entries

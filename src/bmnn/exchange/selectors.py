"""Reads of the exchange for a person: the packages of their agency, through the registry's visibility (S2)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from bmnn.core.due import DueRow, DueSection
from bmnn.core.errors import NotFound
from bmnn.org.models import Person, Position
from bmnn.registry.policies import is_register_keeper, visible_carriers

from .models import Package, PackageKind, PackageStatus, Peer


def _oversees(person: Person, agency: Any) -> bool:
    return is_register_keeper(person, agency) or (person.position == Position.HEAD and person.agency() == agency)


def packages_visible_to(person: Person) -> QuerySet[Package]:
    """The agency's clerk and head see its packages; others, those of records they may see."""
    agency = person.agency() if getattr(person, "is_authenticated", False) else None
    if agency is None:
        return Package.objects.none()
    qs = Package.objects.filter(agency=agency).select_related("peer", "carrier", "refers_to", "created_by")
    if _oversees(person, agency):
        return qs
    return qs.filter(carrier__in=visible_carriers(person).values("pk"))


def package_get_for_user(person: Person, pk: Any) -> Package:
    try:
        return packages_visible_to(person).get(pk=int(pk))
    except (Package.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def peer_get_for_user(person: Person, pk: Any) -> Peer:
    if not (person.is_staff or person.is_superuser):
        raise NotFound()
    try:
        return Peer.objects.get(pk=int(pk))
    except (Peer.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def active_peers() -> QuerySet[Peer]:
    return Peer.objects.filter(revoked_at__isnull=True).order_by("name")


def recalls_due(person: Person) -> DueSection | None:
    """R46: for the sending agency, each recall and whether its recipient has confirmed the deletion."""
    recalls = list(
        packages_visible_to(person)
        .filter(direction=Package.Direction.OUT, kind=PackageKind.RECALL)
        .order_by("confirmed_at", "-created_at")[:200]
    )
    if not recalls:
        return None
    rows = []
    for recall in recalls:
        url = reverse("exchange:package", args=[recall.pk])
        text = f"Thu hồi tài liệu điện tử mật số {recall.number} – nơi nhận: {recall.peer}"
        if recall.confirmed_at is not None:
            note = f"Đã xác nhận xóa lúc {timezone.localtime(recall.confirmed_at):%H:%M %d/%m/%Y}"
        else:
            note = f"Chưa xác nhận xóa (thu hồi lúc {timezone.localtime(recall.created_at):%H:%M %d/%m/%Y})"
        rows.append(DueRow(text=text, url=url, done=recall.confirmed_at is not None, note=note))
    return DueSection(
        "Tài liệu điện tử mật đã thu hồi: xác nhận xóa của nơi nhận", rows, waiting=sum(1 for r in rows if not r.done)
    )


def _when(moment: Any) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}"


def _recipient_row(sent: Package, recall: Package | None) -> DueRow:
    text = f"Nơi nhận: {sent.peer} – gửi lúc {_when(sent.created_at)}"
    if recall is None:
        note = "Nơi nhận báo lỗi, không vào sổ" if sent.status == PackageStatus.REJECTED_BY_RECIPIENT else "Đã gửi"
        return DueRow(text=text, url=reverse("exchange:package", args=[sent.pk]), done=True, note=note)
    url = reverse("exchange:package", args=[recall.pk])  # where the recall package is downloaded again
    if recall.confirmed_at is not None:
        return DueRow(text=text, url=url, done=True, note=f"Đã xác nhận xóa lúc {_when(recall.confirmed_at)}")
    return DueRow(text=text, url=url, note=f"Đã thu hồi lúc {_when(recall.created_at)}, chưa xác nhận xóa")


def record_recipients(person: Person, carrier: Any) -> DueSection | None:
    """R46: on the record's page, each installation the record was sent to and, once recalled, whether it has
    confirmed the deletion."""
    sent = list(
        packages_visible_to(person)
        .filter(carrier=carrier, direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
        .order_by("pk")
    )
    if not sent:
        return None
    recalls = {
        r.refers_to_id: r
        for r in Package.objects.filter(refers_to__in=sent, kind=PackageKind.RECALL, direction=Package.Direction.OUT)
    }
    rows = [_recipient_row(p, recalls.get(p.pk)) for p in sent]
    return DueSection("Gửi điện tử và thu hồi: từng nơi nhận", rows, waiting=sum(1 for r in rows if not r.done))

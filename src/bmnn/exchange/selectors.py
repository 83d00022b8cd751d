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

from .models import Package, PackageKind, Peer


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

"""Which organisations and people a person may see: their agency's subtree and its superiors."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from bmnn.core.errors import NotFound

from .models import AccessKind, AccessRequest, Organisation, Person, Position


def organisations_visible_to(person: Person) -> QuerySet[Organisation]:
    organisation = person.organisation if person.is_authenticated else None
    if organisation is None:
        return Organisation.objects.none()
    agency = organisation.registering_agency()
    ids = agency.subtree_ids() + [a.pk for a in agency.ancestors()]
    return Organisation.objects.filter(pk__in=ids).select_related("parent")


def people_visible_to(person: Person) -> QuerySet[Person]:
    organisation = person.organisation if person.is_authenticated else None
    if organisation is None:
        return Person.objects.none()
    ids = organisation.registering_agency().subtree_ids()
    return Person.objects.filter(organisation_id__in=ids, is_active=True).select_related("organisation")


def access_requests_visible_to(person: Person) -> QuerySet[AccessRequest]:
    """Requests a person made, that concern them, or that they may be asked to decide (a head: their agency's
    people and those of the agencies below; a delegation: the head who would sign it)."""
    if not person.is_authenticated:
        return AccessRequest.objects.none()
    seen = Q(requester=person) | Q(person=person)
    if person.position == Position.HEAD and person.organisation is not None:
        seen |= Q(person__organisation_id__in=person.organisation.subtree_ids()) & ~Q(kind=AccessKind.DELEGATION)
        seen |= Q(kind=AccessKind.DELEGATION, payload__grantor=person.pk)
    return AccessRequest.objects.filter(seen).select_related("person__organisation", "requester", "decided_by")


def access_request_get_for_user(person: Person, pk: int) -> AccessRequest:
    found = access_requests_visible_to(person).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return found


def account_get_for_user(person: Person, pk: int) -> Person:
    """A person's own account: no one else's is found (S2: answered as missing)."""
    if not person.is_authenticated or person.pk != pk:
        raise NotFound
    return person

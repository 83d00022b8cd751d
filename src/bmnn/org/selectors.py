"""Which organisations and people a person may see: their agency's subtree and its superiors."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Organisation, Person


def organisations_visible_to(person: Person) -> QuerySet[Organisation]:
    if not person.is_authenticated or not person.organisation_id:
        return Organisation.objects.none()
    agency = person.organisation.registering_agency()
    ids = agency.subtree_ids() + [a.pk for a in agency.ancestors()]
    return Organisation.objects.filter(pk__in=ids).select_related("parent")


def people_visible_to(person: Person) -> QuerySet[Person]:
    if not person.is_authenticated or not person.organisation_id:
        return Person.objects.none()
    ids = person.organisation.registering_agency().subtree_ids()
    return Person.objects.filter(organisation_id__in=ids, is_active=True).select_related("organisation")

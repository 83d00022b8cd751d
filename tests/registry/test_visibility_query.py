"""The visibility policy as indexed branches decides exactly what the single OR used to decide (S2, issue 17).

The reference below is the policy as it was written before: one OR over custodian, named recipient,
decision maker, drafter, the agency (for its clerk and head) and two EXISTS. The province comes from the
benchmark's generator (bench/province/generate.py) at a small size.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Exists, OuterRef, Q

from bmnn.core.levels import at_most
from bmnn.org.models import Person, Position
from bmnn.registry.models import Assignment, Carrier, Handover
from bmnn.registry.policies import visible_carriers

ROOT = Path(__file__).resolve().parents[2]


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_province_generate", ROOT / "bench/province/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def reference_ids(person: Person) -> set[int]:
    """The pre-issue-17 query: one OR and two EXISTS evaluated for every row (S2)."""
    if not person.clearance or not person.is_active:
        return set()
    reason = (
        Q(custodian=person)
        | Q(named_recipient=person)
        | Q(decision_maker=person)
        | Q(drafter=person)
        | Exists(Assignment.objects.filter(carrier=OuterRef("pk"), person=person))
        | Exists(Handover.objects.filter(carrier=OuterRef("pk"), to_person=person))
    )
    agency = person.agency()
    if agency is not None and person.position in (Position.CLERK, Position.HEAD):
        reason |= Q(agency=agency)
    return set(Carrier.objects.filter(Q(level__in=at_most(person.clearance)) & reason).values_list("pk", flat=True))


@pytest.fixture
def province(db: Any) -> Any:
    return load_generator().generate(600, schools=4, seed=5)


def personas(province: Any) -> dict[str, Person]:
    handovers = list(Handover.objects.select_related("to_person__organisation"))
    handed_out = next(h for h in handovers if h.to_person.position == Position.STAFF)
    outside_recipient = next(h for h in handovers if h.to_person.agency() != h.agency)
    assigned = Assignment.objects.select_related("person").first()
    named = Carrier.objects.filter(named_recipient__isnull=False).select_related("named_recipient").first()
    school_teacher = Person.objects.filter(organisation=province.school, position=Position.STAFF).first()
    division_staff = Person.objects.filter(organisation__parent=province.department, position=Position.STAFF).first()
    cast = {
        "director": province.director,
        "department clerk": province.department_clerk,
        "school clerk": province.school_clerk,
        "school teacher": school_teacher,
        "division staff": division_staff,
    }
    for label, row in (("assignee", assigned), ("named recipient", named)):
        assert row is not None, label
    cast["hand-over recipient"] = handed_out.to_person
    cast["other recipient"] = outside_recipient.to_person
    cast["assignee"] = assigned.person
    cast["named recipient"] = named.named_recipient
    return cast


@pytest.mark.parametrize("inline", [5000, 0], ids=["received ids listed", "received ids as a subquery"])
def test_the_indexed_branches_see_exactly_what_the_single_or_saw_for_every_persona_S2(province, inline, monkeypatch):
    monkeypatch.setattr("bmnn.registry.policies.IDS_INLINE", inline)
    for label, person in personas(province).items():
        new = set(visible_carriers(person).values_list("pk", flat=True))
        assert new == reference_ids(person), label
        assert new, f"{label} sees something, so the comparison is not vacuous"


def test_a_lower_clearance_or_a_deactivated_account_narrows_both_alike_S2(province):
    clerk = province.department_clerk
    full = set(visible_carriers(clerk).values_list("pk", flat=True))
    clerk.clearance = "MAT"
    clerk.save(update_fields=["clearance"])
    narrowed = set(visible_carriers(clerk).values_list("pk", flat=True))
    assert narrowed == reference_ids(clerk)
    assert narrowed < full
    assert Carrier.objects.filter(pk__in=narrowed).exclude(level="MAT").count() == 0
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])
    assert not visible_carriers(clerk).exists()
    assert reference_ids(clerk) == set()


def test_a_school_clerk_sees_the_school_register_and_nothing_of_the_department_S2(province):
    seen = visible_carriers(province.school_clerk)
    assert seen.filter(agency=province.school).count() == Carrier.objects.filter(agency=province.school).count()
    assert (
        not seen.filter(agency=province.department)
        .exclude(Q(custodian=province.school_clerk) | Q(handovers__to_person=province.school_clerk))
        .exists()
    )


def test_a_filtered_queryset_passed_in_is_narrowed_not_replaced_S2(province):
    director = province.director
    incoming = Carrier.objects.filter(direction="INCOMING")
    ids = set(visible_carriers(director, incoming).values_list("pk", flat=True))
    assert ids == reference_ids(director) & set(incoming.values_list("pk", flat=True))


def test_the_counting_parts_are_disjoint_and_add_up_to_what_the_person_sees_S2(province):
    from bmnn.registry.policies import visible_parts
    from bmnn.registry.selectors import carrier_counts

    for label, person in personas(province).items():
        parts = [set(part.values_list("pk", flat=True)) for part in visible_parts(person)]
        union = set().union(*parts)
        assert union == reference_ids(person), label
        assert sum(len(p) for p in parts) == len(union), f"{label}: the parts overlap"
        counts = carrier_counts(person)
        assert sum(row["n"] for row in counts["level"]) == len(union) == sum(row["n"] for row in counts["status"])


@pytest.mark.parametrize("inline", [5000, 0], ids=["received ids listed", "received ids as a subquery"])
def test_every_page_of_the_list_is_the_same_rows_as_slicing_the_visible_set_S2(province, inline, monkeypatch):
    """The per-branch merge of list pages (PostgreSQL) returns the rows plain slicing returns."""
    from bmnn.registry.paging import page_rows
    from bmnn.registry.selectors import carrier_search

    monkeypatch.setattr("bmnn.registry.policies.IDS_INLINE", inline)
    for label, person in personas(province).items():
        found = carrier_search(person).order_by("-created_at", "-pk")
        found.visibility_branches = carrier_search(person).visibility_branches
        expected = list(found.values_list("pk", flat=True))
        for start, stop in ((0, 26), (25, 51), (len(expected) - 3, len(expected) + 5)):
            assert [c.pk for c in page_rows(found, max(0, start), stop)] == expected[max(0, start) : stop], label
        assert_ranked_pages_are_slices(person, label)


def assert_ranked_pages_are_slices(person: Person, label: str) -> None:
    """Ranked search pages (the words together first, then the newest) are slices of the whole ranking (S2).

    "de thi" is typed together wherever both words are; "thi de" almost nowhere (the others fill every
    page); "de thi tuyen" in some of the matches of its words (a page of both kinds).
    """
    from bmnn.registry.paging import page_rows
    from bmnn.registry.selectors import carrier_search

    for q in ("de thi", "thi de", "de thi tuyen"):
        ranked = carrier_search(person, q=q)
        in_order = list(ranked.values_list("pk", flat=True))
        for start, stop in ((0, 26), (0, 30), (20, 45), (len(in_order) - 2, len(in_order) + 4)):
            start = max(0, start)
            assert [c.pk for c in page_rows(ranked, start, stop)] == in_order[start:stop], (label, q, start)


def give_outside_records(province: Any, person: Person, first: int) -> set[int]:
    """Records of a school that ``person`` (of the department) holds, is named on, decided, drafted, was
    assigned and was handed over: one record per reason, from the ``first``-th on; their ids."""
    school = list(
        Carrier.objects.filter(agency=province.school).exclude(level="TUYET_MAT").order_by("pk")[first : first + 6]
    )
    for column, carrier in zip(("custodian", "named_recipient", "decision_maker", "drafter"), school, strict=False):
        Carrier.objects.filter(pk=carrier.pk).update(**{column: person})
    Assignment.objects.create(carrier=school[4], person=person, assigned_by=person, assigned_at=school[4].created_at)
    Handover.objects.create(
        carrier=school[5],
        agency=province.school,
        year=2026,
        number=9000 + first,
        from_person=province.school_clerk,
        to_person=person,
        envelope_letter="A",
        handed_at=school[5].created_at,
        status="CONFIRMED",
    )
    return {c.pk for c in school}


@pytest.mark.parametrize("inline", [5000, 0], ids=["own ids listed", "own ids as branches"])
def test_a_clerk_or_head_sees_their_own_records_outside_the_agency_for_every_reason_S2(province, inline, monkeypatch):
    """A clerk or head sees the agency whole plus their own records outside it, one branch of ids (S2).

    The director decides every outgoing record of the department: the list filtered to incoming records
    finds the director's own incoming ones elsewhere without walking those decisions.
    """
    from bmnn.registry.paging import page_rows
    from bmnn.registry.policies import visible_parts
    from bmnn.registry.selectors import carrier_counts, carrier_search

    monkeypatch.setattr("bmnn.registry.policies.IDS_INLINE", inline)
    for n, (label, person) in enumerate((("director", province.director), ("clerk", province.department_clerk))):
        outside = give_outside_records(province, person, first=6 * n)
        seen = set(visible_carriers(person).values_list("pk", flat=True))
        assert seen == reference_ids(person), label
        assert outside <= seen, label
        parts = [set(part.values_list("pk", flat=True)) for part in visible_parts(person)]
        assert parts[1] == outside and sum(len(p) for p in parts) == len(seen), label
        assert sum(row["n"] for row in carrier_counts(person)["level"]) == len(seen), label
        for direction in ("", "INCOMING", "OUTGOING"):
            found = carrier_search(person, direction=direction).order_by("-created_at", "-pk")
            found.visibility_branches = carrier_search(person, direction=direction).visibility_branches
            expected = list(found.values_list("pk", flat=True))
            assert set(expected) & outside, (label, direction)
            for start, stop in ((0, 26), (25, 51), (len(expected) - 3, len(expected) + 5)):
                start = max(0, start)
                assert [c.pk for c in page_rows(found, start, stop)] == expected[start:stop], (label, direction)
        assert_ranked_pages_are_slices(person, label)


@pytest.mark.parametrize("remembered", [False, True], ids=["looked up per question", "remembered for the read"])
def test_a_question_about_a_few_records_is_answered_as_the_whole_visible_set_would_S2(province, remembered):
    """A record's page asks only "may this person see THIS record": the same policy, looked up among those ids.

    For every persona and every record, alone and in small groups, the answer is the visible set's; the clerk
    and the director are also given one school record per reason, which they see although it is outside.
    """
    from contextlib import nullcontext

    from bmnn.core.errors import NotFound
    from bmnn.registry.policies import branches_remembered, visible_among
    from bmnn.registry.selectors import carrier_get_for_user

    directors = give_outside_records(province, province.director, first=0)
    clerks = give_outside_records(province, province.department_clerk, first=6)
    assert directors <= reference_ids(province.director) and clerks <= reference_ids(province.department_clerk)
    every = list(Carrier.objects.order_by("pk").values_list("pk", flat=True))
    for label, person in personas(province).items():
        seen = reference_ids(person)
        with branches_remembered() if remembered else nullcontext():
            for pk in sorted(directors | clerks) + every[::5]:
                assert set(visible_among(person, [pk]).values_list("pk", flat=True)) == {pk} & seen, (label, pk)
            for start in range(0, len(every), 7):
                group = every[start : start + 7]
                assert set(visible_among(person, group).values_list("pk", flat=True)) == set(group) & seen, label
            for pk in sorted(directors | clerks)[:3] + every[:3]:
                if pk in seen:
                    assert carrier_get_for_user(person, pk).pk == pk, (label, pk)
                else:
                    with pytest.raises(NotFound):
                        carrier_get_for_user(person, pk)

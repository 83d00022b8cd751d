"""The default authority table, walked cell by cell against LAW-BRIEF §6.1, §9, §10, §14 (R12, R13, R32–R36)."""

import datetime as dt
import itertools

import pytest

from bmnn.approvals.policies import decision_basis
from bmnn.core.levels import Level
from bmnn.core.roles import Operation, OrgKind, Position
from bmnn.org.models import Delegation, Organisation
from tests.conftest import make_person

DAY = dt.date(2026, 6, 1)
M, TM, TUM = Level.MAT, Level.TOI_MAT, Level.TUYET_MAT

# Who may decide each operation for a department's record, as the brief states it.
# (position, where) -> operation -> highest level; "where" is the approver's unit relative to the department.
EXPECTED = {
    (Position.HEAD, "department"): {
        Operation.COPY: TM,
        Operation.PROVIDE: TM,
        Operation.TAKEOUT: TUM,
        Operation.EXTEND: TUM,
        Operation.REGRADE: TUM,
        Operation.DECLASSIFY: TUM,
        Operation.DESTROY: TM,
    },
    (Position.DIVISION_HEAD, "division"): {Operation.COPY: M, Operation.PROVIDE: M},
    (Position.HEAD, "province"): {
        Operation.COPY: TUM,
        Operation.PROVIDE: TUM,
        Operation.PROVIDE_FOREIGN: TM,
        Operation.TAKEOUT_ABROAD: TUM,
        Operation.DESTROY: TUM,
    },
    (Position.DEPUTY_HEAD, "province"): {Operation.PROVIDE_FOREIGN: TM},
    (Position.DEPUTY_HEAD, "department"): {},  # nothing without a written delegation (R13)
    (Position.CLERK, "department"): {},
    (Position.STAFF, "division"): {},
}
OPERATIONS = [op for op in Operation if op != Operation.CLASSIFY]


@pytest.fixture
def tree(db):
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    province = Organisation.objects.create(name="UBND tỉnh", kind=OrgKind.PROVINCE)
    department = Organisation.objects.create(
        name="Sở GDĐT", kind=OrgKind.DEPARTMENT, parent=province, keeps_register=True
    )
    division = Organisation.objects.create(name="Phòng Khảo thí", kind=OrgKind.DIVISION, parent=department)
    return {"province": province, "department": department, "division": division}


def test_every_cell_of_the_default_table_R12_R32_R33_R34_R36(tree):
    people = {key: make_person(f"p{i}", tree[key[1]], key[0], TUM) for i, key in enumerate(EXPECTED)}
    for key, operation, level in itertools.product(EXPECTED, OPERATIONS, Level):
        ceiling = EXPECTED[key].get(operation)
        expected = ceiling is not None and Level.values.index(level) <= Level.values.index(ceiling)
        got = decision_basis(people[key], operation=operation, level=level, agency=tree["department"], on=DAY)
        assert bool(got) == expected, f"{key} {operation} {level}: expected {expected}, got {got!r}"


def test_no_one_may_provide_tuyet_mat_to_a_foreign_party_R34(tree):
    chairman = make_person("chutich", tree["province"], Position.HEAD, TUM)
    assert (
        decision_basis(chairman, operation=Operation.PROVIDE_FOREIGN, level=TUM, agency=tree["department"], on=DAY)
        is None
    )


def test_a_deputy_with_a_written_delegation_decides_within_it_only_R13(tree):
    director = make_person("gd", tree["department"], Position.HEAD, TM)
    deputy = make_person("pgd", tree["department"], Position.DEPUTY_HEAD, TM)
    Delegation.objects.create(
        grantor=director,
        deputy=deputy,
        document_ref="45/UQ-SGDĐT",
        scope="Sao tài liệu",
        operations=[Operation.COPY],
        max_level=TM,
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 12, 31),
    )
    agency = tree["department"]
    assert "45/UQ-SGDĐT" in decision_basis(deputy, operation=Operation.COPY, level=TM, agency=agency, on=DAY)
    assert decision_basis(deputy, operation=Operation.DESTROY, level=M, agency=agency, on=DAY) is None
    assert decision_basis(deputy, operation=Operation.COPY, level=TM, agency=agency, on=dt.date(2027, 1, 2)) is None


def test_a_person_cleared_below_the_level_never_decides(tree):
    director = make_person("gd2", tree["department"], Position.HEAD, M)
    assert decision_basis(director, operation=Operation.COPY, level=TM, agency=tree["department"], on=DAY) is None


def test_a_later_table_version_judges_later_days_only(tree):
    from bmnn.legal.models import AuthorityRule, AuthorityTable

    new = AuthorityTable.objects.create(
        name="Phụ lục Nghị định 63/2026", effective_from=dt.date(2026, 9, 1), source="Thử nghiệm"
    )
    AuthorityRule.objects.create(
        table=new, operation=Operation.COPY, position=Position.HEAD, org_kind=OrgKind.DEPARTMENT, max_level=M
    )
    director = make_person("gd3", tree["department"], Position.HEAD, TM)
    agency = tree["department"]
    assert decision_basis(director, operation=Operation.COPY, level=TM, agency=agency, on=DAY)
    assert decision_basis(director, operation=Operation.COPY, level=TM, agency=agency, on=dt.date(2026, 9, 2)) is None


# The other kinds of agency in the default table, each deciding about its own records (LAW-ADDENDUM: commune
# titles added, no district-level titles beyond the offices' own records).
OWN_RECORDS = {
    TUM: {Operation.TAKEOUT, Operation.EXTEND, Operation.REGRADE, Operation.DECLASSIFY},
}
EXPECTED_OWN = {
    OrgKind.COMMUNE: {
        Operation.COPY: TM,
        Operation.PROVIDE: TM,
        Operation.DESTROY: TM,
        **dict.fromkeys(OWN_RECORDS[TUM], TUM),
    },
    OrgKind.POLICE: {
        Operation.COPY: TM,
        Operation.PROVIDE: TM,
        Operation.DESTROY: TM,
        **dict.fromkeys(OWN_RECORDS[TUM], TUM),
    },
    OrgKind.SCHOOL: dict.fromkeys(OWN_RECORDS[TUM], TUM),
    OrgKind.DISTRICT_OFFICE: dict.fromkeys(OWN_RECORDS[TUM], TUM),
}


def test_every_row_of_the_default_table_is_walked_R12_R32_R33_R34_R36(tree):
    """R12, R32, R33, R34, R36: every (position, kind of organisation) row the shipped table holds is checked by one
    of the two walks, so a row added to the fixture without an expectation fails here."""
    from bmnn.legal.models import AuthorityRule

    walked = {(position, tree[where].kind) for position, where in EXPECTED} | {
        (Position.HEAD, kind) for kind in EXPECTED_OWN
    }
    shipped = set(AuthorityRule.objects.values_list("position", "org_kind"))
    assert shipped <= walked, f"rows not walked: {shipped - walked}"


def test_every_cell_for_heads_of_communes_schools_district_offices_and_police_R12_R36(tree):
    """R12, R36: the head of each other kind of agency, deciding about that agency's own records, walked over every
    operation and level of the default table."""
    for i, (kind, ceilings) in enumerate(EXPECTED_OWN.items()):
        agency = Organisation.objects.create(
            name=f"Đơn vị {kind}", kind=kind, parent=tree["province"], keeps_register=True
        )
        head = make_person(f"head{i}", agency, Position.HEAD, TUM)
        for operation, level in itertools.product(OPERATIONS, Level):
            ceiling = ceilings.get(operation)
            expected = ceiling is not None and Level.values.index(level) <= Level.values.index(ceiling)
            got = decision_basis(head, operation=operation, level=level, agency=agency, on=DAY)
            assert bool(got) == expected, f"{kind} {operation} {level}: expected {expected}, got {got!r}"

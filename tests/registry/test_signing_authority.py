"""The signing-authority table blocks issuing by anyone else; the signer is recorded, printed in the outgoing
register and in the "nơi nhận" block of the issue sheet (R4, R47)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Position, SigningAuthority
from bmnn.registers.choices import Field, RegisterKind
from bmnn.registers.downloads import form_export
from bmnn.registers.paperwork import forms_for
from bmnn.registers.selectors import Selection, register_entries
from bmnn.registry.models import Carrier, RegisterSeries
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.documents.readers import docx_text, pdf_text
from tests.helpers import clear_for_tuyet_mat, tuyet_mat_item


def nothing_registered() -> bool:
    return (
        not Carrier.objects.exists()
        and not AuditEvent.objects.exists()
        and not RegisterSeries.objects.filter(last_number__gt=0).exists()
    )


def test_the_signer_is_recorded_and_audited_R4_R47(cast):
    """R4, R47: the signer named at registration (here the deputy, in the table up to Tối mật) is on the record."""
    carrier = outgoing_register(**outgoing_kwargs(cast, signer=cast.deputy))
    assert carrier.signer == cast.deputy and carrier.decision_maker == cast.director
    event = AuditEvent.objects.get(action="registry.outgoing.registered")
    assert event.data["signer"] == "Trần Thị Bình" and "R47" in event.basis


def test_without_a_named_signer_the_decision_maker_signs_R47(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    assert carrier.signer == cast.director


def test_a_signer_not_in_the_table_is_refused_and_nothing_changes_R47(cast):
    """R47: a division head is not in the department's signing-authority table: issuing is refused."""
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, signer=cast.exams_head))
    assert refused.value.rule == "R47" and refused.value.field == "signer"
    assert refused.value.message.startswith(
        "Phạm Văn Dũng không có trong bảng thẩm quyền ký ban hành BMNN độ Mật của Sở Giáo dục và Đào tạo"
    )
    assert "Người đứng đầu" in refused.value.message  # who may sign, from the table
    assert nothing_registered()


def test_a_signer_above_the_level_of_their_row_is_refused_R47(cast):
    """R47: the deputy's row goes up to Tối mật: a Tuyệt mật document needs another signer."""
    clear_for_tuyet_mat(cast.clerk, cast.director)
    kwargs = outgoing_kwargs(cast, item_ids=[tuyet_mat_item().pk], abstract="", signer=cast.deputy)
    with pytest.raises(DomainError) as refused:
        outgoing_register(**kwargs)
    assert refused.value.rule == "R47" and "độ Tuyệt mật" in refused.value.message
    assert nothing_registered()
    kwargs["signer"] = cast.director
    assert outgoing_register(**kwargs).signer == cast.director


def test_a_named_row_is_valid_only_between_its_dates_R47(cast):
    """R47: the table is dated data: a row naming a person signs from its first day to its last only."""
    SigningAuthority.objects.create(
        agency=cast.department,
        person=cast.exams_head,
        max_level=Level.MAT,
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 6, 30),
        basis="Quyết định 12/QĐ-SGDĐT",
    )
    inside = outgoing_register(**outgoing_kwargs(cast, signer=cast.exams_head, doc_date=dt.date(2026, 6, 30)))
    assert inside.signer == cast.exams_head
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, signer=cast.exams_head, doc_date=dt.date(2026, 7, 1)))
    assert refused.value.rule == "R47"
    assert Carrier.objects.count() == 1


def test_an_agency_with_an_empty_table_cannot_issue_R47(cast):
    """R47: no row, no signer: even the head is refused until the administrator fills the table."""
    SigningAuthority.objects.filter(agency=cast.department).delete()
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast))
    assert refused.value.rule == "R47" and "chưa có ai được ký" in refused.value.message
    assert nothing_registered()


def test_another_agencys_row_does_not_let_its_head_sign_here_R47(cast):
    other_head = SigningAuthority.objects.filter(agency=cast.other_department, position=Position.HEAD)
    assert other_head.exists()
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, signer=cast.outsider))
    assert refused.value.rule == "R47"


def test_the_outgoing_register_prints_the_signer_R4(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, signer=cast.deputy))
    year = carrier.reg_year
    rows = register_entries(cast.clerk, Selection(cast.department, RegisterKind.OUTGOING, year))
    assert [row.cells[Field.SIGNER] for row in rows] == ["Trần Thị Bình"]


def test_the_issue_sheet_prints_the_noi_nhan_block_R4(cast):
    """R4: recipients, copies issued, drafter and copy permission, with the signer, in PDF and DOCX."""
    carrier = outgoing_register(
        **outgoing_kwargs(
            cast, signer=cast.deputy, copy_permitted=False, recipients="Phòng Khảo thí; Trường THPT Chuyên; Lưu: VT"
        )
    )
    assert "phieu-ban-hanh" in [spec.slug for spec in forms_for(carrier)]
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(form_export(actor=cast.clerk, carrier=carrier, form="phieu-ban-hanh", fmt=fmt).content)
        for value in (
            "Nơi nhận:",
            "Phòng Khảo thí",
            "Trường THPT Chuyên",
            "Lưu: VT",
            "Người soạn thảo: Đỗ Thu Hà",
            "số bản phát hành: 3",
            "Không được sao, chụp",
            "Trần Thị Bình",
            "PHÓ GIÁM ĐỐC SỞ",
            carrier.doc_number,
        ):
            assert value in text, (fmt, value)


def test_the_signing_table_admin_is_audited_R47(client, cast):
    """R47: an administrator adds a row in the admin; the change is an audit event with the values."""
    from bmnn.org.models import Person

    admin = Person.objects.create_superuser("quantri", password="mat-khau-thu-nghiem")
    client.force_login(admin)
    response = client.post(
        "/admin/org/signingauthority/add/",
        {
            "agency": cast.school.pk,
            "position": "",
            "person": cast.officer.pk,
            "max_level": Level.MAT,
            "valid_from": "01/09/2026",
            "valid_until": "",
            "basis": "Quyết định 3/QĐ-THPTC",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = SigningAuthority.objects.get(person=cast.officer)
    event = AuditEvent.objects.get(action="org.signing.changed")
    assert event.data["changes"]["max_level"]["new"] == Level.MAT and event.target_id == str(row.pk)
    both = client.post(
        "/admin/org/signingauthority/add/",
        {
            "agency": cast.school.pk,
            "position": Position.HEAD,
            "person": cast.officer.pk,
            "max_level": Level.MAT,
            "valid_from": "01/09/2026",
            "basis": "x",
        },
    )
    assert both.status_code == 200 and "không ghi cả hai" in both.content.decode()
    assert SigningAuthority.objects.filter(person=cast.officer).count() == 1

"""Forms and dossiers generated from the records, read back from the PDF and DOCX (R4, R16, R18, R22, R32–R36)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.lifecycle.models import CouncilPurpose, Notice, NoticeKind, RecipientKind
from bmnn.lifecycle.services.councils import council_decide, council_minutes, council_set_up, destruction_record
from bmnn.lifecycle.services.provision import provision_request
from bmnn.lifecycle.services.takeout import takeout_request
from bmnn.registers.downloads import commitment_export, form_export
from bmnn.registers.paperwork import forms_for
from bmnn.registry.choices import CarrierKind
from bmnn.registry.services import incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.documents.readers import docx_text, pdf_text
from tests.helpers import clear_for_tuyet_mat, tuyet_mat_item
from tests.lifecycle.conftest import make_copies

NAMED = "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"


def both(cast, carrier, form, **options):
    """The form as (PDF text, DOCX text), exported by the clerk."""
    pdf = form_export(actor=cast.clerk, carrier=carrier, form=form, fmt="pdf", **options).content
    docx = form_export(actor=cast.clerk, carrier=carrier, form=form, fmt="docx", **options).content
    return pdf_text(pdf), docx_text(docx)


def test_tuyet_mat_goes_in_two_envelopes_inner_stamped_outer_marked_a_R22(cast):
    """R22: TUYET_MAT: inner envelope with number, recipient and the TUYỆT MẬT stamp; outer with only "A"."""
    clear_for_tuyet_mat(cast.clerk, cast.director)
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[tuyet_mat_item().pk], abstract=""))
    pdf, docx = both(cast, carrier, "nhan-bi")
    inner, outer = pdf.split("Bì ngoài")
    assert "Bì trong" in inner and "TUYỆT MẬT" in inner and carrier.doc_number in inner
    assert "Phòng Khảo thí" in inner and "TUYỆT MẬT" not in outer and " A " in f" {outer} "
    assert "Niêm phong: đóng dấu của cơ quan" in inner and "Niêm phong" not in outer  # the inner one is sealed
    for text in (pdf, docx):
        assert text.count("TUYỆT MẬT") == 1 and "Bì trong" in text and " A " in f" {text} " and NAMED not in text


def test_toi_mat_and_mat_go_in_one_envelope_b_or_c_named_recipient_printed_R22(cast, exam_paper):
    """R22: TOI_MAT -> one envelope "B"; MAT sent to a named person -> "C" and "Chỉ người có tên mới được bóc bì"."""
    for text in both(cast, exam_paper, "nhan-bi"):
        assert "Bì ngoài" not in text and "Bì trong" not in text and " B " in f" {text} " and NAMED not in text
    named = incoming_receive(
        actor=cast.clerk,
        sender="Bộ Giáo dục và Đào tạo",
        doc_number="Bì số 17",
        level=Level.MAT,
        doc_type="Công văn",
        abstract="",
        named_recipient=cast.director,
    )
    for text in both(cast, named, "nhan-bi"):
        assert NAMED in text and " C " in f" {text} " and "Nguyễn Văn An" in text


def test_every_copy_gets_its_copy_number_and_copy_block_R16(cast, plan):
    """R16: "Bản sao số n" for each copy, and "BẢN SAO BMNN": form, time, quantity, recipients, approver."""
    assert "dau-ban-sao" not in [f.slug for f in forms_for(plan)]
    make_copies(cast, plan, 2)
    assert "dau-ban-sao" in [f.slug for f in forms_for(plan)]
    for text in both(cast, plan, "dau-ban-sao"):
        assert "Bản sao số: 01" in text and "Bản sao số: 02" in text
        assert text.count("BẢN SAO BÍ MẬT NHÀ NƯỚC") == 2
        assert "Bản sao số: 01 Hình thức sao" in text or "Bản sao số: 01" in text.split("BẢN SAO BÍ MẬT NHÀ NƯỚC")[1]
        for value in ("Hình thức sao: Sao y", "Số lượng: 2 bản", "Nơi nhận: Hội đồng thi", "Nguyễn Văn An", "MẬT"):
            assert value in text, value


def test_take_out_request_prints_every_field_R32(cast, plan):
    """R32: name, position, unit; type, abstract, level; purpose; time; place; protection measures."""
    with clock.frozen_at(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)):
        takeout_request(
            actor=cast.officer,
            carrier=plan,
            purpose="Họp Hội đồng thi tại Bộ",
            place="Bộ Giáo dục và Đào tạo, Hà Nội",
            start=dt.date(2026, 11, 24),
            due=dt.date(2026, 11, 26),
            measures="Cặp có khóa, hai người đi cùng",
        )
        texts = both(cast, plan, "de-nghi-mang-ra")
    for text in texts:
        for value in (
            "VĂN BẢN ĐỀ NGHỊ",
            "Mang bí mật nhà nước ra khỏi nơi lưu giữ",
            "Đỗ Thu Hà",
            "Phòng Khảo thí và Quản lý chất lượng",
            "Kế hoạch",
            "Phương án vận chuyển đề thi",
            "Mật",
            "Họp Hội đồng thi tại Bộ",
            "từ ngày 24/11/2026 đến ngày 26/11/2026",
            "Bộ Giáo dục và Đào tạo, Hà Nội",
            "Cặp có khóa, hai người đi cùng",
            "NGƯỜI ĐỀ NGHỊ",
            "Kính gửi: Giám đốc Sở",
        ):
            assert value in text, value


def test_provision_request_forms_for_organisation_individual_and_foreign_R33_R34(cast, plan):
    """R33: organisation and individual fields; R34: a foreign party also commits to no third-party transfer."""
    provision_request(
        actor=cast.officer,
        carrier=plan,
        recipient_kind=RecipientKind.ORGANISATION,
        recipient_name="Trường Đại học Sư phạm",
        fields={"representative": "Ông Trần Văn Bốn"},
        purpose="Nghiên cứu đề thi",
        commitment="Bảo vệ theo đúng quy định",
    )
    org, _ = both(cast, plan, "de-nghi-cung-cap")
    assert "Trường Đại học Sư phạm" in org and "Người đại diện" in org and "Ông Trần Văn Bốn" in org
    assert "Nghiên cứu đề thi" in org and "Bảo vệ theo đúng quy định" in org and "bên thứ ba" not in org
    person, _ = both(cast, plan, "de-nghi-cung-cap", party=RecipientKind.PERSON)
    for label in ("Số định danh cá nhân, hộ chiếu", "Địa chỉ liên hệ", "Chức vụ", "Cá nhân Việt Nam"):
        assert label in person
    foreign, foreign_docx = both(cast, plan, "de-nghi-cung-cap", party=RecipientKind.FOREIGN)
    for text in (foreign, foreign_docx):
        assert "Quốc tịch" in text and "Số hộ chiếu" in text
        assert "Cam kết không cung cấp, chuyển giao cho bên thứ ba." in text


def test_form_01_for_an_object_names_its_list_basis_level_and_decider_R4(cast):
    """R4: the written determination for a non-document carrier: list basis, level, scope, period, decider."""
    plate = outgoing_register(
        **outgoing_kwargs(
            cast,
            kind=CarrierKind.OBJECT,
            doc_type="Bản in đề thi",
            abstract="Khuôn in đề thi",
            item_ids=[cast.exam_paper_item.pk],
        )
    )
    document = outgoing_register(**outgoing_kwargs(cast))
    assert "xac-dinh-do-mat" not in [f.slug for f in forms_for(document)]
    for text in both(cast, plate, "xac-dinh-do-mat"):
        for value in (
            "VĂN BẢN XÁC ĐỊNH ĐỘ MẬT",
            "Bản in đề thi",
            "khoản 1",
            "531/QĐ-TTg",
            "Tối mật",
            "TỐI MẬT",
            "Nguyễn Văn An",
            "GIÁM ĐỐC SỞ",
            "Đỗ Thu Hà",
        ):
            assert value in text, value


def test_one_notice_per_recorded_recipient_R10(cast, exam_paper):
    """R10: a re-grading notice to every recorded recipient, each its own document."""
    for recipient in ("Phòng Khảo thí", "Trường THPT Chuyên"):
        Notice.objects.create(
            carrier=exam_paper,
            kind=NoticeKind.REGRADE,
            recipient=recipient,
            content="Điều chỉnh độ mật từ Tối mật xuống Mật.",
            due=dt.date(2026, 12, 5),
            created_at=clock.now(),
        )
    for text in both(cast, exam_paper, "thong-bao"):
        assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 2
        assert "Kính gửi: Phòng Khảo thí" in text and "Kính gửi: Trường THPT Chuyên" in text
        assert "V/v Thông báo điều chỉnh độ mật" in text and "Điều chỉnh độ mật từ Tối mật xuống Mật." in text


def test_destruction_dossier_has_all_five_documents_and_a_signature_line_per_member_R36(cast, plan, exam_paper):
    """R36: set-up decision, list, minutes, decision, destruction record signed by every member; R18 applied."""
    assert "ho-so-tieu-huy" not in [f.slug for f in forms_for(plan)]
    council = council_set_up(
        actor=cast.clerk,
        purpose=CouncilPurpose.DESTROY,
        carriers=[plan, exam_paper],
        setup_decision_ref="40/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.clerk, cast.officer],
    )
    council_minutes(actor=cast.deputy, council=council, minutes="Đề thi dự phòng không còn giá trị sử dụng.")
    council_decide(actor=cast.director, council=council, decision_ref="41/QĐ-SGDĐT")
    destruction_record(
        actor=cast.clerk,
        council=council,
        entries=[
            (exam_paper, "Nghiền nhỏ bằng máy hủy tài liệu", "Lê Thị Chi; Đỗ Thu Hà"),
            (plan, "Đốt", "Lê Thị Chi"),
        ],
    )
    pdf, docx = both(cast, plan, "ho-so-tieu-huy")
    for text in (pdf, docx):
        assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 5
        for value in (
            "Về việc thành lập Hội đồng tiêu hủy",
            "Số: 40/QĐ-SGDĐT",
            "Số: 41/QĐ-SGDĐT",
            "DANH SÁCH",
            "Họp Hội đồng tiêu hủy",
            "Đề thi dự phòng không còn giá trị sử dụng.",
            "Tiêu hủy tài liệu, vật chứa bí mật nhà nước",
            "Nghiền nhỏ bằng máy hủy tài liệu",
            "Đốt",
            "Đề thi chính thức môn Toán",
            "TỐI MẬT",
        ):
            assert value in text, value
    record = pdf.split("Tiêu hủy tài liệu, vật chứa bí mật nhà nước")[-1]
    for member in ("Trần Thị Bình", "Lê Thị Chi", "Đỗ Thu Hà"):
        assert member in record, member
    assert record.count("THÀNH VIÊN") == 2 and "CHỦ TỊCH HỘI ĐỒNG" in record


def test_declassification_dossier_has_its_four_documents_and_the_declassified_content_R11(cast, exam_paper):
    """R11: set-up decision, list of the secret proposed, minutes, decision naming the declassified content."""
    assert "ho-so-giai-mat" not in [f.slug for f in forms_for(exam_paper)]
    council = council_set_up(
        actor=cast.clerk,
        purpose=CouncilPurpose.DECLASSIFY,
        carriers=[exam_paper],
        setup_decision_ref="25/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.exams_head, cast.officer],
    )
    council_minutes(actor=cast.deputy, council=council, minutes="Chỉ phần hướng dẫn chấm được công bố.")
    council_decide(
        actor=cast.director, council=council, decision_ref="31/QĐ-SGDĐT", partial_content="Phần hướng dẫn chấm"
    )
    assert {"ho-so-giai-mat", "thong-bao"} <= {f.slug for f in forms_for(exam_paper)}
    pdf, docx = both(cast, exam_paper, "ho-so-giai-mat")
    for text in (pdf, docx):
        assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 4
        for value in (
            "QUYẾT ĐỊNH",
            "Về việc thành lập Hội đồng giải mật",
            "Số: 25/QĐ-SGDĐT",
            "DANH SÁCH",
            "Bí mật nhà nước đề nghị giải mật",
            "BIÊN BẢN",
            "Họp Hội đồng giải mật",
            "Chỉ phần hướng dẫn chấm được công bố.",
            "Về việc giải mật bí mật nhà nước",
            "Số: 31/QĐ-SGDĐT",
            "Nội dung được giải mật: Phần hướng dẫn chấm",
            exam_paper.doc_number,
            "Đề thi chính thức môn Toán",
            "TỐI MẬT",
            "Trần Thị Bình",
            "Phạm Văn Dũng",
            "Đỗ Thu Hà",
        ):
            assert value in text, value
    notices, _ = both(cast, exam_paper, "thong-bao")
    assert "Nội dung được giải mật: Phần hướng dẫn chấm" in notices and "Kính gửi:" in notices


def test_staff_commitment_and_who_may_print_it(cast):
    """P4, R39: a person prints their own commitment; the clerk may print anyone's in the agency; others may not."""
    text = pdf_text(commitment_export(actor=cast.officer, person=cast.officer, fmt="pdf").content)
    for value in (
        "BẢN CAM KẾT",
        "Bảo vệ bí mật nhà nước",
        "Đỗ Thu Hà",
        "15/QĐ-SGDĐT",
        "NGƯỜI CAM KẾT",
        "Không soạn thảo, lưu giữ bí mật nhà nước trên thiết bị kết nối Internet.",
    ):
        assert value in text, value
    assert "Đỗ Thu Hà" in docx_text(commitment_export(actor=cast.clerk, person=cast.officer, fmt="docx").content)
    with pytest.raises(DomainError):
        commitment_export(actor=cast.junior, person=cast.officer, fmt="pdf")


def test_form_export_is_audited_and_an_unavailable_form_is_refused(cast, plan):
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError):
        form_export(actor=cast.clerk, carrier=plan, form="ho-so-giai-mat", fmt="pdf")
    assert AuditEvent.objects.count() == before
    form_export(actor=cast.clerk, carrier=plan, form="nhan-bi", fmt="pdf")
    event = AuditEvent.objects.get(action="registers.form.exported")
    assert event.target_id == str(plan.pk) and event.data == {"form": "nhan-bi", "format": "pdf", "documents": 1}

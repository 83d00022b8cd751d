"""Searching the registry ignores case and Vietnamese diacritics, and never an abstract of TUYET_MAT (R18, S2)."""

import pytest

from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.core.text import fold
from bmnn.registry.choices import Direction
from bmnn.registry.models import Carrier
from bmnn.registry.selectors import carrier_search
from bmnn.registry.services import incoming_receive, outgoing_register
from bmnn.registry.services.common import refresh_search_text
from tests.conftest import outgoing_kwargs
from tests.helpers import clear_for_tuyet_mat, tuyet_mat_item


@pytest.fixture
def plan(cast):
    return outgoing_register(**outgoing_kwargs(cast, abstract="Kế hoạch vận chuyển đề thi"))


def found(person, q, **filters):
    return [c.doc_number for c in carrier_search(person, q=q, **filters)]


def test_words_without_diacritics_find_the_vietnamese_abstract(cast, plan):
    assert found(cast.clerk, "ke hoach van chuyen de thi") == ["1/KH-SGDĐT"]
    assert found(cast.clerk, "KẾ HOẠCH") == ["1/KH-SGDĐT"]
    assert found(cast.clerk, "  de   thi  van  ") == ["1/KH-SGDĐT"]  # any order, any spacing
    assert found(cast.clerk, "ke hoach tieu huy") == []  # every word must match
    assert found(cast.clerk, "") == ["1/KH-SGDĐT"]


def test_d_with_stroke_matches_d_both_ways(cast):
    outgoing_register(**outgoing_kwargs(cast, abstract="Danh sách cán bộ coi thi"))
    outgoing_register(**outgoing_kwargs(cast, abstract="Đề án bảo vệ Địa điểm in sao"))
    assert fold("Đề Địa đ") == "de dia d"
    assert found(cast.clerk, "đanh sach") == ["1/KH-SGDĐT"]
    assert found(cast.clerk, "de an dia diem") == ["2/KH-SGDĐT"]
    assert found(cast.clerk, "ĐỀ ÁN") == ["2/KH-SGDĐT"]


def test_the_number_sender_and_storage_place_are_searchable_too(cast, plan):
    incoming_receive(
        actor=cast.clerk,
        sender="Bộ Giáo dục và Đào tạo",
        doc_number="215/BGDĐT-QLCL",
        level=Level.MAT,
        abstract="Hướng dẫn",
        storage_place="Tủ sắt số 2",
    )
    assert found(cast.clerk, "bo giao duc dao tao") == ["215/BGDĐT-QLCL"]
    assert found(cast.clerk, "phong van thu") == ["1/KH-SGDĐT"]
    assert found(cast.clerk, "1/kh-sgddt") == ["1/KH-SGDĐT"]
    assert found(cast.clerk, "", direction=Direction.INCOMING) == ["215/BGDĐT-QLCL"]
    assert found(cast.clerk, "", year=clock.today().year, level=Level.MAT) == ["215/BGDĐT-QLCL", "1/KH-SGDĐT"]


def test_a_malformed_unit_or_year_filter_finds_nothing_instead_of_failing(cast, plan):
    assert found(cast.clerk, "", year="hai nghìn") == []
    assert found(cast.clerk, "", unit="abc") == []
    assert found(cast.clerk, "", unit=cast.department.pk) == ["1/KH-SGDĐT"]


def test_a_tuyet_mat_record_is_never_found_by_abstract_words_R18(cast, plan):
    """R18: no abstract of a TUYET_MAT record is stored, so none can be searched, indexed or leaked."""
    clear_for_tuyet_mat(cast.clerk)
    item = tuyet_mat_item()
    with pytest.raises(DomainError) as refused:
        outgoing_register(**outgoing_kwargs(cast, item_ids=[item.pk], abstract="Kế hoạch vận chuyển đề thi dự phòng"))
    assert refused.value.rule == "R18"
    top = outgoing_register(**outgoing_kwargs(cast, item_ids=[item.pk], abstract="", doc_type="Phương án"))
    assert top.level == Level.TUYET_MAT and top.abstract == "" and "ke hoach" not in top.search_text
    assert found(cast.clerk, "ke hoach van chuyen de thi") == ["1/KH-SGDĐT"]
    assert found(cast.clerk, "phuong an") == [top.doc_number]  # found by its other fields only

    # Even a TUYET_MAT record that somehow carries an abstract in memory never puts it in the index.
    ghost = Carrier(level=Level.TUYET_MAT, doc_type="Phương án", abstract="Vị trí kho lưu giữ đề thi")
    refresh_search_text(ghost)
    assert ghost.search_text == "phuong an"

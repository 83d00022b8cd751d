"""What counts as a mark (LAW-BRIEF §3.2, Circular 24/2020 forms 02, 05, 07, 11) and what does not."""

from __future__ import annotations

import unicodedata

import pytest

from bmnn.scan import Block, Level, MarkKind, Verdict, find_marks, scan_bytes, verdict_of
from bmnn.scan.marks import candidate_spans, might_contain_mark


def marks_of(*paragraphs: str, location: str = "page 1"):
    return find_marks(Block(text, location) for text in paragraphs)


def verdict(*paragraphs: str, location: str = "page 1"):
    return verdict_of(marks_of(*paragraphs, location=location))


@pytest.mark.parametrize(
    ("stamp", "level"),
    [("TUYỆT MẬT", Level.TUYET_MAT), ("TỐI MẬT", Level.TOI_MAT), ("MẬT", Level.MAT)],
)
def test_each_level_stamp_on_its_own_paragraph_makes_the_file_secret(stamp, level):
    """A level stamp (form 02) standing alone under the number and symbol: secret at that level."""
    assert verdict("ỦY BAN NHÂN DÂN TỈNH NAM HÀ", "Số: 12/BC-UBND", stamp, "BÁO CÁO") == (Verdict.SECRET, level)


def test_the_highest_level_wins():
    """A file that bears TỐI MẬT in one place and MẬT far away is TỐI MẬT."""
    marks = find_marks([Block("MẬT", "header"), Block("TỐI MẬT", "page 1")])
    assert verdict_of(marks) == (Verdict.SECRET, Level.TOI_MAT)


@pytest.mark.parametrize(
    "text",
    [
        "[ TỐI MẬT ]",
        "T Ố I   M Ậ T",
        "tối mật",
        "Tối Mật",
        "«TỐI MẬT»",
        "TỐI MẬT - HỎA TỐC",
    ],
)
def test_frames_spacing_case_and_urgency_around_a_stamp(text):
    """Letter-spaced, framed, lower-case stamps and a stamp beside an urgency word are still marks."""
    assert verdict("Số: 12/BC-UBND", text) == (Verdict.SECRET, Level.TOI_MAT)


def test_nfd_text_is_read_like_nfc():
    """Decomposed Unicode (NFD) stamps are found."""
    assert verdict(unicodedata.normalize("NFD", "TUYỆT MẬT")) == (Verdict.SECRET, Level.TUYET_MAT)


def test_stamp_in_a_header_line_beside_the_agency_name():
    """A header line holds the agency name and the stamp separated by tabs: the stamp is a mark."""
    marks = find_marks([Block("SỞ NỘI VỤ\t\tMẬT", "header")])
    assert [(m.kind, m.level, m.text, m.location) for m in marks] == [(MarkKind.LEVEL, Level.MAT, "MẬT", "header")]


@pytest.mark.parametrize(
    ("field", "level"),
    [("Độ mật: Tối mật", Level.TOI_MAT), ("Độ mật: TUYỆT MẬT", Level.TUYET_MAT), ("Độ mật : Mật", Level.MAT)],
)
def test_a_filled_level_field_is_a_level_mark(field, level):
    """An explicit level field "Độ mật: Tối mật" is a level mark."""
    assert verdict("Trích yếu: kế hoạch", field) == (Verdict.SECRET, level)


@pytest.mark.parametrize(
    "text",
    [
        "Về công tác bảo vệ bí mật nhà nước năm 2026",
        "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "Đổi mật khẩu ngay",
        "mật khẩu",
        "Mật độ dân số tăng",
        "mật ong",
        "Hai người rất thân mật",
        'Báo chí đưa tin một "tài liệu MẬT" bị lộ trên mạng',
        "Vụ lộ tài liệu MẬT của sở",
        "Độ mật: ....",
        "Độ mật: ……………",
        "Độ mật:",
        "Luật Bảo vệ bí mật nhà nước số 117/2025/QH15",
        "Tài liệu thu hồi phải được trả lại đúng hạn theo quy định",
        "Giải mật tài liệu khi hết thời hạn bảo vệ",
    ],
)
def test_hard_negatives_are_clean(text):
    """The words inside a sentence or title, an empty field, a quoted "tài liệu MẬT": not marks."""
    assert marks_of("ỦY BAN NHÂN DÂN", text, "Nơi nhận: như trên") == []


@pytest.mark.parametrize(
    "levels",
    [["Tuyệt mật", "Tối mật", "Mật"], ["TUYỆT MẬT", "TỐI MẬT", "MẬT"], ["- Tuyệt mật;", "- Tối mật;", "- Mật."]],
)
def test_a_training_slide_listing_the_three_levels_is_clean(levels):
    """A lesson that lists the level names, one per line, is not a stamped document."""
    assert verdict("Các độ mật của bí mật nhà nước", *levels, location="slide 2") == (Verdict.CLEAN, None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("BẢN SAO SỐ 02", MarkKind.COPY),
        ("Bản sao số: 3", MarkKind.COPY),
        ("TÀI LIỆU THU HỒI", MarkKind.RECALL),
        ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", MarkKind.NAMED_RECIPIENT),
        ("GIẢI MẬT", MarkKind.DECLASSIFIED),
    ],
)
def test_copy_recall_named_and_declassified_marks_are_listed_but_do_not_make_a_file_secret(text, kind):
    """Copy (form 11), recall and named-recipient (form 07), declassified (form 05) marks alone.

    They are listed but leave the file clean (R16, R22, R26).
    """
    marks = marks_of("Số: 12/BC-UBND", text)
    assert [(m.kind, m.level) for m in marks] == [(kind, None)]
    assert verdict_of(marks) == (Verdict.CLEAN, None)


def test_a_declassified_document_is_clean_with_its_marks_listed():
    """A document stamped MẬT and later GIẢI MẬT is clean, and both marks are listed (R8)."""
    marks = marks_of("MẬT", "GIẢI MẬT", "Từ: 01/03/2026")
    assert {m.kind for m in marks} == {MarkKind.LEVEL, MarkKind.DECLASSIFIED}
    assert verdict_of(marks) == (Verdict.CLEAN, None)


def test_a_copy_mark_beside_a_level_mark_keeps_the_file_secret():
    """BẢN SAO SỐ with TỐI MẬT: secret, both listed."""
    marks = marks_of("TỐI MẬT", "BẢN SAO SỐ 01")
    assert verdict_of(marks) == (Verdict.SECRET, Level.TOI_MAT)
    assert [m.kind for m in marks] == [MarkKind.LEVEL, MarkKind.COPY]


def test_tcvn3_legacy_text_is_recognised():
    """A stamp typed in a TCVN3 (.VnTime) font is stored as "TèI MËT"; it is read as TỐI MẬT."""
    result = scan_bytes("Sè: 12/BC\nTèI MËT\n".encode("latin-1"), "old.txt")
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)


def test_vni_legacy_text_is_recognised():
    """A stamp typed in a VNI font is stored as "TUYEÄT MAÄT"; it is read as TUYỆT MẬT."""
    result = scan_bytes("Soá: 12\nTUYEÄT MAÄT\n".encode("latin-1"), "old.txt")
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TUYET_MAT)


def test_mark_text_is_at_most_80_characters():
    """The "text" of a mark is cut to 80 characters."""
    marks = marks_of("TÀI LIỆU THU HỒI - " + "ngày 01/01/2027 " * 10)
    assert all(len(m.text) <= 80 for m in marks)


def test_two_different_stamps_in_one_document_give_the_highest_level():
    """A TUYỆT MẬT cell under the number and a MẬT annex stamp: both marks, level TUYỆT MẬT (R3)."""
    marks = find_marks([Block("Số: 1/BC", "page 1"), Block("TUYỆT MẬT", "page 1"), Block("MẬT", "page 1")])
    assert [m.level for m in marks] == [Level.TUYET_MAT, Level.MAT]
    assert verdict_of(marks) == (Verdict.SECRET, Level.TUYET_MAT)


def test_ocr_misread_tone_on_a_stamp_is_tolerated_only_in_ocr_text():
    """Tesseract reads "TỐI MẬT" as "TỔI MẬT": accepted from OCR, not from a text layer."""
    assert verdict_of(find_marks([Block("[ TỔI MẬT ]", "image", ocr=True)])) == (Verdict.SECRET, Level.TOI_MAT)
    assert verdict_of(find_marks([Block("TỔI MẬT", "page 1")])) == (Verdict.CLEAN, None)
    assert find_marks([Block("MẶT", "image", ocr=True)]) == []


def test_long_sentence_lines_are_never_stamps():
    """A sentence that happens to end in MẬT is not a stamp."""
    assert marks_of("Trong năm qua, cơ quan đã tổ chức nhiều đợt kiểm tra việc bảo quản tài liệu " * 3 + "MẬT") == []


@pytest.mark.parametrize(
    "locations",
    [
        ("Sheet1!A2", "Sheet1!A3", "Sheet1!A4"),  # xlsx/ods: one level name per cell down a column
        ("B2", "B3", "B4"),  # csv cells
        ("line 4", "line 5", "line 6"),  # txt/md lines
    ],
)
def test_a_list_of_the_three_level_names_in_cells_or_lines_is_clean(locations):
    """Hard negative, training list variant: the three level names in a column of cells (xlsx, ods,
    csv) or on consecutive lines of a text file are a list, like the same list on one slide."""
    blocks = [Block(name, where) for name, where in zip(("TUYỆT MẬT", "TỐI MẬT", "MẬT"), locations, strict=True)]
    assert verdict_of(find_marks(blocks)) == (Verdict.CLEAN, None)


def test_a_level_stamp_in_one_cell_stays_a_mark_beside_other_cells():
    """Positive, xlsx cell variant: a single MẬT cell among ordinary cells still makes the file secret."""
    blocks = [Block("Số: 12/BC", "Sheet1!A1"), Block("MẬT", "Sheet1!A2"), Block("Nội dung", "Sheet1!A3")]
    assert verdict_of(find_marks(blocks)) == (Verdict.SECRET, Level.MAT)


def test_a_copy_number_beside_a_level_stamp_on_one_line_gives_both_marks():
    """Positive, header-line variant: "BẢN SAO SỐ 02<tab>MẬT" is a copy mark and a level mark, not
    only a copy mark (the copy number's digits must not swallow the stamp beside it)."""
    marks = find_marks([Block("BẢN SAO SỐ 02\t\tMẬT", "header")])
    assert [(m.kind, m.level) for m in marks] == [(MarkKind.COPY, None), (MarkKind.LEVEL, Level.MAT)]
    assert verdict_of(marks) == (Verdict.SECRET, Level.MAT)


def test_ocr_remains_of_a_stamp_frame_are_tolerated_only_in_ocr_text():
    """A framed stamp read by Tesseract keeps bits of its frame ("|[ TỐI MẬT 1|"); typed text does not."""
    ocr = find_marks([Block("|[ TỐI MẬT 1|", "page 1", ocr=True)])
    assert [(mark.kind, mark.level) for mark in ocr] == [(MarkKind.LEVEL, Level.TOI_MAT)]
    assert find_marks([Block("|[ TỐI MẬT 1|", "page 1")]) == []


def test_lines_passed_over_as_one_block_keep_their_distance():
    """A reader that passes over lines without a candidate (a PDF page) yields one block counted as many:
    three stamps standing far apart in the document stay stamps, as they would line by line."""
    stamps = ["MẬT", "TUYỆT MẬT", "TỐI MẬT"]  # not in descending order: not a list of the levels
    line_by_line = [Block(t, "page 1") for s in stamps for t in (s, *["Nội dung báo cáo."] * 12)]
    passed_over = [b for s in stamps for b in (Block(s, "page 1"), Block("", "page 1", span=12))]
    assert verdict_of(find_marks(line_by_line)) == (Verdict.SECRET, Level.TUYET_MAT)
    assert find_marks(passed_over) == find_marks(line_by_line)
    near = [Block(s, "page 1") for s in stamps]  # the same three names together: a list, not stamps
    assert verdict_of(find_marks(near)) == (Verdict.CLEAN, None)


@pytest.mark.parametrize(
    "line",
    [
        "TỐI MẬT",
        "T Ố I  M Ậ T",
        "Độ mật: Mật",
        "BẢN SAO SỐ 02",
        "TÀI LIỆU THU HỒI",
        "GIẢI MẬT",
        "mËt",
        "MAÄT",
        "bảo vệ bí mật nhà nước",
    ],
)
def test_the_spans_of_a_page_cover_every_line_that_may_hold_a_mark(line):
    """candidate_spans on a whole page touches every line might_contain_mark would look at, and no other."""
    page = "\r\n".join(["Báo cáo tổng kết năm", line, "Kính gửi: các đơn vị"])
    spans = candidate_spans(page)
    start = page.index(line)
    assert might_contain_mark(line) and spans
    assert all(start <= s < start + len(line) for s, _e in spans)
    assert candidate_spans("Báo cáo tổng kết năm\r\nKính gửi: các đơn vị") == []
    assert candidate_spans(unicodedata.normalize("NFD", page)) is None  # decomposed: line by line

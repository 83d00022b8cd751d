"""Every format and every location the scanner reads, with files generated into tmp_path."""

from __future__ import annotations

import pytest

from bmnn.scan import Level, MarkKind, Verdict, scan_file
from bmnn.scan.formats.ocr import tesseract

from . import builders


def found(path):
    result = scan_file(path)
    return result, [(m.kind.value, m.level.value if m.level else None, m.where) for m in result.marks]


def assert_secret(path, level, location):
    result, marks = found(path)
    assert result.error is None, result.error
    assert (result.verdict, result.level) == (Verdict.SECRET, level)
    assert ("level", level.value, location) in marks, marks


# ---------------------------------------------------------------- Word


def test_docx_body_paragraph(tmp_path):
    """A stamp in its own body paragraph of a .docx is found on page 1."""
    assert_secret(builders.docx(tmp_path / "a.docx", ["UBND TỈNH", "Số: 1/BC", "MẬT", "Nội dung"]), Level.MAT, "page 1")


def test_docx_page_number_follows_page_breaks(tmp_path):
    """A stamp after a page break is located on page 2."""
    import docx

    document = docx.Document()
    document.add_paragraph("Trang đầu")
    document.add_page_break()
    document.add_paragraph("TỐI MẬT")
    document.save(tmp_path / "b.docx")
    assert_secret(tmp_path / "b.docx", Level.TOI_MAT, "page 2")


def test_docx_header_and_footer(tmp_path):
    """Stamps in the header line and in the footer are found there."""
    assert_secret(
        builders.docx(tmp_path / "h.docx", ["Nội dung"], header="SỞ NỘI VỤ\t\tTỐI MẬT"), Level.TOI_MAT, "header"
    )
    assert_secret(builders.docx(tmp_path / "f.docx", ["Nội dung"], footer="MẬT"), Level.MAT, "footer")


def test_docx_table_cell(tmp_path):
    """A stamp alone in a table cell is a mark."""
    assert_secret(builders.docx(tmp_path / "t.docx", ["Nội dung"], table="TUYỆT MẬT"), Level.TUYET_MAT, "page 1")


def test_docx_text_box(tmp_path):
    """A stamp in a text box (DrawingML with VML fallback) is found once, as "text box"."""
    _result, marks = found(builders.docx(tmp_path / "x.docx", ["Nội dung"], textbox="TỐI MẬT"))
    assert marks == [("level", "TOI_MAT", "text box")]


def test_docx_words_split_across_runs(tmp_path):
    """ "TỐI " + "M" + "ẬT" in three runs of one paragraph is one stamp."""
    assert_secret(builders.docx(tmp_path / "s.docx", ["Nội dung"], split=["TỐI ", "M", "ẬT"]), Level.TOI_MAT, "page 1")


def test_docx_comment_footnote_and_properties(tmp_path):
    """Comments, footnotes and document properties are read too."""
    assert_secret(builders.docx(tmp_path / "c.docx", ["Nội dung"], comment="MẬT"), Level.MAT, "comment")
    assert_secret(builders.docx(tmp_path / "n.docx", ["Nội dung"], footnote="MẬT"), Level.MAT, "footnote")
    assert_secret(builders.docx(tmp_path / "p.docx", ["Nội dung"], title="TỐI MẬT"), Level.TOI_MAT, "properties")


@pytest.mark.parametrize("suffix", [".docm", ".dotx"])
def test_docm_and_dotx_are_read_as_word(tmp_path, suffix):
    """Macro-enabled documents and templates are Word packages too."""
    assert_secret(builders.docx(tmp_path / f"a{suffix}", ["MẬT"]), Level.MAT, "page 1")


def test_docx_hard_negatives(tmp_path):
    """A report ABOUT protecting state secrets is clean."""
    path = builders.docx(
        tmp_path / "about.docx",
        ["KẾ HOẠCH", "Về công tác bảo vệ bí mật nhà nước năm 2026", "BẢO VỆ BÍ MẬT NHÀ NƯỚC", "Độ mật: ....",
         "Không chia sẻ mật khẩu; mật độ; mật ong; thân mật."],
        header="SỞ NỘI VỤ",
    )  # fmt: skip
    result, marks = found(path)
    assert (result.verdict, marks) == (Verdict.CLEAN, [])


# ---------------------------------------------------------------- Excel


def test_xlsx_every_sheet_cell(tmp_path):
    """A stamp in a cell of the second sheet is located as "Sheet1!B2"."""
    assert_secret(builders.xlsx(tmp_path / "a.xlsx", {"A1": "Bảng", "B2": "TỐI MẬT"}), Level.TOI_MAT, "Sheet1!B2")


def test_xlsm_and_sheet_header(tmp_path):
    """A .xlsm workbook and a sheet's page header are read."""
    assert_secret(builders.xlsx(tmp_path / "a.xlsm", {"C3": "MẬT"}), Level.MAT, "Sheet1!C3")
    assert_secret(builders.xlsx(tmp_path / "h.xlsx", {"A1": "x"}, header="TUYỆT MẬT"), Level.TUYET_MAT, "header")


def test_xlsx_sentence_in_a_cell_is_clean(tmp_path):
    """A cell that speaks about secrets in a sentence is not a mark."""
    result, marks = found(builders.xlsx(tmp_path / "a.xlsx", {"A1": "Tập huấn bảo vệ bí mật nhà nước"}))
    assert (result.verdict, marks) == (Verdict.CLEAN, [])


def test_xlsx_training_table_of_the_three_levels_is_clean(tmp_path):
    """Hard negative in .xlsx: a training table with one level name per cell down column A."""
    cells = {"A1": "Độ mật", "B1": "Mức độ nguy hại", "A2": "TUYỆT MẬT", "B2": "Đặc biệt nghiêm trọng"}
    cells |= {"A3": "TỐI MẬT", "B3": "Rất nghiêm trọng", "A4": "MẬT", "B4": "Nghiêm trọng"}
    result, _marks = found(builders.xlsx(tmp_path / "levels.xlsx", cells))
    assert (result.verdict, result.level) == (Verdict.CLEAN, None)


def test_csv_and_txt_training_lists_of_the_three_levels_are_clean(tmp_path):
    """Hard negative in .csv and .txt: the three level names on consecutive rows or lines."""
    (tmp_path / "levels.csv").write_text("Độ mật,Ví dụ\nTUYỆT MẬT,a\nTỐI MẬT,b\nMẬT,c\n", encoding="utf-8")
    (tmp_path / "levels.txt").write_text("Các độ mật:\n\nTUYỆT MẬT\nTỐI MẬT\nMẬT\n", encoding="utf-8")
    for name in ("levels.csv", "levels.txt"):
        result, _marks = found(tmp_path / name)
        assert (result.verdict, result.level) == (Verdict.CLEAN, None), name


# ---------------------------------------------------------------- PowerPoint


def test_pptx_slide_shape_and_notes(tmp_path):
    """A stamp in a shape of slide 3 and a copy mark in the notes of slide 1."""
    path = builders.pptx(tmp_path / "a.pptx", [["Mở đầu"], ["Nội dung"], ["TỐI MẬT"]], notes={1: "BẢN SAO SỐ 02"})
    result, marks = found(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)
    assert ("level", "TOI_MAT", "slide 3") in marks
    assert ("copy", None, "slide 1 notes") in marks


def test_pptx_training_slide_is_clean(tmp_path):
    """A training slide listing the three levels is clean."""
    path = builders.pptx(tmp_path / "t.pptx", [["Các độ mật", "TUYỆT MẬT", "TỐI MẬT", "MẬT"]])
    assert found(path)[0].verdict is Verdict.CLEAN


# ---------------------------------------------------------------- OpenDocument


def test_odt_body_and_header(tmp_path):
    """OpenDocument text: body paragraph and page header."""
    assert_secret(builders.odt(tmp_path / "a.odt", ["Số: 1", "MẬT"]), Level.MAT, "page 1")
    assert_secret(builders.odt(tmp_path / "h.odt", ["Nội dung"], header="TỐI MẬT"), Level.TOI_MAT, "header")


def test_ods_cell(tmp_path):
    """OpenDocument spreadsheet: the cell reference is given."""
    assert_secret(builders.ods(tmp_path / "a.ods", [["Bảng"], ["", "TỐI MẬT"]]), Level.TOI_MAT, "Bảng1!B2")


def test_odp_slide(tmp_path):
    """OpenDocument presentation: the slide number is given."""
    assert_secret(builders.odp(tmp_path / "a.odp", [["Mở đầu"], ["TUYỆT MẬT"]]), Level.TUYET_MAT, "slide 2")


# ---------------------------------------------------------------- PDF, RTF, text, HTML, e-mail


def test_pdf_text_layer_page(tmp_path):
    """PDF text layer: the stamp on page 2."""
    assert_secret(
        builders.pdf(tmp_path / "a.pdf", [["Bìa"], ["Số: 1", "TỐI MẬT", "Nội dung"]]), Level.TOI_MAT, "page 2"
    )


def test_pdf_about_secrets_is_clean(tmp_path):
    """A PDF news story quoting a "tài liệu MẬT" is clean."""
    path = builders.pdf(tmp_path / "news.pdf", [["Tin tức", "Công an điều tra vụ lộ tài liệu MẬT của huyện"]])
    assert found(path)[0].verdict is Verdict.CLEAN


def test_rtf_body_and_header(tmp_path):
    """RTF: body paragraph and header, unicode escapes."""
    assert_secret(builders.rtf(tmp_path / "a.rtf", ["Số: 1", "TỐI MẬT"]), Level.TOI_MAT, "page 1")
    assert_secret(builders.rtf(tmp_path / "h.rtf", ["Nội dung"], header="MẬT"), Level.MAT, "header")


def test_rtf_tcvn3_font(tmp_path):
    """An RTF typed in a TCVN3 font (bytes \\'cb for ậ) is recognised."""
    result, _marks = found(builders.rtf(tmp_path / "old.rtf", ["TèI MËT"], encoding="tcvn3"))
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)


def test_txt_md_and_csv(tmp_path):
    """Plain text lines, Markdown and CSV cells."""
    (tmp_path / "a.txt").write_text("Báo cáo\nTUYỆT MẬT\n", "utf-8")
    (tmp_path / "a.md").write_text("# Báo cáo\n\n**MẬT**\n", "utf-8")
    (tmp_path / "a.csv").write_text("tên,độ mật\nHồ sơ,TỐI MẬT\n", "utf-8")
    assert_secret(tmp_path / "a.txt", Level.TUYET_MAT, "line 2")
    assert_secret(tmp_path / "a.md", Level.MAT, "line 3")
    assert_secret(tmp_path / "a.csv", Level.TOI_MAT, "B2")


def test_html_paragraph_and_inline_split(tmp_path):
    """HTML: inline tags inside a stamp are joined; a quoted mark in a sentence is not a mark."""
    (tmp_path / "a.html").write_text(
        "<html><body><p>Số: 1</p><p><b>TỐI</b> <span>MẬT</span></p></body></html>", "utf-8"
    )
    (tmp_path / "b.html").write_text("<p>Tin: lộ <b>tài liệu MẬT</b> trên mạng</p>", "utf-8")
    assert found(tmp_path / "a.html")[0].level is Level.TOI_MAT
    assert found(tmp_path / "b.html")[0].verdict is Verdict.CLEAN


def test_eml_body_and_attachment(tmp_path):
    """E-mail: a recall mark in the body, and a stamp in an attached .docx located by its name."""
    attached = builders.docx(tmp_path / "bc.docx", ["TỐI MẬT"]).read_bytes()
    path = builders.eml(tmp_path / "m.eml", "Kính gửi\nTÀI LIỆU THU HỒI\n", attachment=("bc.docx", attached))
    result, marks = found(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)
    assert ("level", "TOI_MAT", "bc.docx: page 1") in marks
    assert ("recall", None, "body line 2") in marks


# ---------------------------------------------------------------- legacy Office through LibreOffice


@pytest.mark.parametrize(
    ("make", "extension", "location"),
    [
        (lambda p: builders.docx(p / "a.docx", ["Số: 1", "TỐI MẬT"], header="SỞ\t\tTỐI MẬT"), "doc", "page 1"),
        (lambda p: builders.xlsx(p / "a.xlsx", {"B2": "TỐI MẬT"}), "xls", "Sheet1!B2"),
        (lambda p: builders.pptx(p / "a.pptx", [["Mở đầu"], ["TỐI MẬT"]]), "ppt", "slide 2"),
    ],
)
def test_legacy_doc_xls_ppt(tmp_path, make, extension, location):
    """Word 97, Excel 97 and PowerPoint 97 files are read from their OLE streams."""
    legacy = builders.libreoffice_convert(make(tmp_path), extension)
    if legacy is None:
        pytest.skip("LibreOffice is not installed")
    assert_secret(legacy, Level.TOI_MAT, location)


def _with_category(path, value: str):
    """Set the category property of an OOXML file (LibreOffice keeps it as a user-defined property)."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        book.properties.category = value
        book.save(path)
        return path
    module = __import__("docx" if path.suffix == ".docx" else "pptx")
    document = module.Document(path) if path.suffix == ".docx" else module.Presentation(path)
    document.core_properties.category = value
    document.save(path)
    return path


@pytest.mark.parametrize(
    ("make", "extension"),
    [
        (lambda p: builders.docx(p / "a.docx", ["Nội dung"], title="Báo cáo"), "doc"),
        (lambda p: builders.xlsx(p / "a.xlsx", {"A1": "Bảng"}), "xls"),
        (lambda p: builders.pptx(p / "a.pptx", [["Mở đầu"]]), "ppt"),
    ],
)
def test_legacy_properties_in_every_section_and_code_page(tmp_path, make, extension):
    """Legacy .doc/.xls/.ppt, properties location: a stamp in the category, which LibreOffice writes as a
    user-defined property (second section of DocumentSummaryInformation, code page UTF-8), is found."""
    legacy = builders.libreoffice_convert(_with_category(make(tmp_path), "TỐI MẬT"), extension)
    if legacy is None:
        pytest.skip("LibreOffice is not installed")
    assert_secret(legacy, Level.TOI_MAT, "properties")


@pytest.mark.parametrize(
    ("make", "location"),
    [
        (lambda p: builders.xlsx(p / "a.xlsx", {"A1": "x"}, header="TỐI MẬT"), "header"),
        (lambda p: builders.xlsx_with_comment(p / "a.xlsx", "B2", "TỐI MẬT"), "Sheet1 comment"),
    ],
)
def test_legacy_xls_header_and_comment(tmp_path, make, location):
    """Excel 97 sheet headers and cell comments are read."""
    legacy = builders.libreoffice_convert(make(tmp_path), "xls")
    if legacy is None:
        pytest.skip("LibreOffice is not installed")
    assert_secret(legacy, Level.TOI_MAT, location)


# ---------------------------------------------------------------- images and OCR


needs_ocr = pytest.mark.skipif(tesseract() is None, reason="Tesseract with Vietnamese data is not installed")


@needs_ocr
def test_image_through_ocr(tmp_path):
    """A photographed stamp is read by Tesseract."""
    assert_secret(builders.image(tmp_path / "a.png", ["UBND TỈNH NAM HÀ", "TỐI MẬT"]), Level.TOI_MAT, "image")


@needs_ocr
def test_image_only_pdf_page_through_ocr(tmp_path):
    """A scanned PDF page without a text layer is read by OCR."""
    from PIL import Image

    picture = builders.image(tmp_path / "a.png", ["UBND TỈNH NAM HÀ", "MẬT"])
    Image.open(picture).save(tmp_path / "scan.pdf")
    assert_secret(tmp_path / "scan.pdf", Level.MAT, "page 1")


def test_image_without_ocr_is_an_error_saying_ocr_is_needed(tmp_path, monkeypatch):
    """Without Tesseract an image is a line with verdict error that says OCR is needed."""
    from bmnn.scan.formats import ocr

    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    result = scan_file(builders.image(tmp_path / "a.png", ["MẬT"]))
    assert result.verdict is Verdict.ERROR
    assert "OCR" in result.error


def test_marks_are_reported_with_kind_values(tmp_path):
    """Each mark kind value is one of the five of the jsonl format."""
    assert {kind.value for kind in MarkKind} == {"level", "copy", "recall", "named_recipient", "declassified"}


def test_pdf_stamp_beside_the_right_hand_column_is_found(tmp_path):
    """The stamp under the number shares its baseline with the motto on the right: it still stands alone."""
    from fpdf import FPDF

    document = FPDF()
    document.add_font("dv", fname=builders.FONT)
    document.set_font("dv", size=11)
    document.add_page()
    for y, left, right in [(10, "UBND TỈNH NAM HÀ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                           (20, "Số: 12/BC-UBND", "Nam Hà, ngày 5 tháng 3 năm 2026"),
                           (30, "TỐI MẬT", "Độc lập - Tự do - Hạnh phúc")]:  # fmt: skip
        document.set_xy(10, y)
        document.cell(80, 8, left)
        document.set_xy(110, y)
        document.cell(80, 8, right)
    document.output(str(tmp_path / "cols.pdf"))
    assert_secret(tmp_path / "cols.pdf", Level.TOI_MAT, "page 1")


def test_eml_subject_sent_as_raw_utf8_and_encoded_attachment_name(tmp_path):
    """E-mail, subject location: an unencoded 8-bit UTF-8 subject "MẬT" is read; an attachment whose
    Vietnamese file name is RFC 2231-encoded shows under its decoded name."""
    from email.message import EmailMessage

    raw = "From: a@b\nSubject: MẬT\nContent-Type: text/plain; charset=utf-8\n\nNội dung\n".encode()
    (tmp_path / "raw.eml").write_bytes(raw)
    assert_secret(tmp_path / "raw.eml", Level.MAT, "subject")
    message = EmailMessage()
    message["Subject"] = "Gửi tài liệu"
    message.set_content("Kính gửi anh chị")
    message.add_attachment("TỐI MẬT\n".encode(), maintype="text", subtype="plain", filename="tài liệu số 2.txt")
    (tmp_path / "att.eml").write_bytes(bytes(message))
    assert_secret(tmp_path / "att.eml", Level.TOI_MAT, "tài liệu số 2.txt: line 1")


@pytest.mark.parametrize(
    ("line", "kind", "level"),
    [
        ("M Ậ T", "level", "MAT"),
        ("T Ố I   M Ậ T", "level", "TOI_MAT"),
        ("Số: 12/BC\t\tTUYỆT MẬT", "level", "TUYET_MAT"),
        ("Độ mật: Tối mật", "level", "TOI_MAT"),
        ("B Ả N   S A O   S Ố   0 2", "copy", None),
        ("Bản số: 03", "copy", None),
        ("T À I   L I Ệ U   T H U   H Ồ I", "recall", None),
        ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", "named_recipient", None),
        ("GIẢI MẬT", "declassified", None),
    ],
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_txt_every_mark_kind_spacing_and_normal_form(tmp_path, line, kind, level, form):
    """Plain text (.txt), line location: each mark kind, letter-spaced or beside a tab, NFC and NFD,
    deep in a long file, is found by the fast first look and reported on its line."""
    import unicodedata

    filler = "Hồ sơ số liệu được cập nhật theo luật, tập hợp đầy đủ và thuận tiện.\n" * 3000
    text = unicodedata.normalize(form, filler + line + "\n" + filler)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result, marks = found(tmp_path / "a.txt")
    assert (kind, level, "line 3001") in marks, marks
    assert result.verdict is (Verdict.SECRET if kind == "level" else Verdict.CLEAN)


def _bulk_cells(rows: int) -> dict[str, str]:
    cells = {}
    for row in range(2, rows):
        cells[f"A{row}"] = "Số tiền"
        cells[f"B{row}"] = f"Hồ sơ số {row} đã cập nhật, thuận tiện tra cứu"
    return cells


@pytest.mark.parametrize(
    ("stamp", "kind", "level"),
    [
        ("TỐI MẬT", "level", "TOI_MAT"),
        ("Độ mật: Tuyệt mật", "level", "TUYET_MAT"),
        ("M Ậ T", "level", "MAT"),
        ("B Ả N   S A O   S Ố   0 2", "copy", None),
        ("Bản sao số 3", "copy", None),
        ("TÀI LIỆU THU HỒI", "recall", None),
        ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", "named_recipient", None),
    ],
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_xlsx_shared_string_cell_deep_in_a_large_sheet(tmp_path, stamp, kind, level, form):
    """.xlsx, cell location: a mark in a shared-string cell among hundreds of ordinary cells ("Số tiền",
    "hồ sơ" hold the same letters) is found by the first look at the raw sheet, in NFC and NFD."""
    import unicodedata

    cells = _bulk_cells(400) | {"C250": unicodedata.normalize(form, stamp)}
    result, marks = found(builders.xlsx(tmp_path / "big.xlsx", cells))
    assert (kind, level, "Sheet1!C250") in marks, marks
    assert result.verdict is (Verdict.SECRET if kind == "level" else Verdict.CLEAN)


@pytest.mark.parametrize("hexadecimal", [False, True])
@pytest.mark.parametrize(
    ("stamp", "kind", "level"),
    [
        ("TỐI MẬT", "level", "TOI_MAT"),
        ("Độ mật: Mật", "level", "MAT"),
        ("Bản sao số 2", "copy", None),
        ("Tài liệu thu hồi", "recall", None),
        ("Chỉ người có tên mới được bóc bì", "named_recipient", None),
    ],
)
def test_xlsx_inline_strings_written_as_character_references(tmp_path, hexadecimal, stamp, kind, level):
    """.xlsx, cell location, inline-string variant: "T&#7888;I M&#7852;T" (decimal or hexadecimal references)
    in a t="inlineStr" cell is found; the same sheet's "S&#7889; ti&#7873;n" cells are not marks."""
    cells = _bulk_cells(300) | {"A1": stamp}
    result, marks = found(builders.xlsx_inline(tmp_path / "inline.xlsx", cells, hexadecimal))
    assert (kind, level, "Bảng 1!A1") in marks, marks
    assert result.verdict is (Verdict.SECRET if kind == "level" else Verdict.CLEAN)
    result, marks = found(builders.xlsx_inline(tmp_path / "plain.xlsx", _bulk_cells(300), hexadecimal))
    assert (result.verdict, marks) == (Verdict.CLEAN, [])


def test_docx_deleted_stamp_and_field_code_are_not_read_but_tab_and_page_break_are(tmp_path):
    """.docx body, tracked-change variant: a stamp inside w:del (w:delText) or a field code (w:instrText)
    is not on the page; a stamp after a tab beside the number, on page 2, is."""
    import zipfile

    path = builders.docx(tmp_path / "a.docx", ["PLACEHOLDER"])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    runs = (
        "<w:r><w:delText>TUYỆT MẬT</w:delText></w:r></w:p>"
        '<w:p><w:del w:id="1" w:author="A"><w:r><w:delText>TỐI MẬT</w:delText></w:r></w:del></w:p>'
        '<w:p><w:r><w:instrText xml:space="preserve"> TUYỆT MẬT </w:instrText></w:r></w:p>'
        '<w:p><w:r><w:t>Trang 1</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'
        "<w:p><w:r><w:t>Số: 1/BC</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>MẬT</w:t></w:r>"
    )
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"<w:r><w:t>PLACEHOLDER</w:t></w:r>", runs.encode()
    )
    builders.zip_of(path, members)
    result, marks = found(path)
    assert (result.verdict, result.level, marks) == (Verdict.SECRET, Level.MAT, [("level", "MAT", "page 2")])


def _odt_with(location: str, stamp: str, path):
    from odf.dc import Title
    from odf.draw import Frame, TextBox
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.text import Note, NoteBody, NoteCitation, P

    document = OpenDocumentText()
    paragraph = P(text="Nội dung báo cáo")
    if location == "footnote":
        note = Note(noteclass="footnote", id="n1")
        note.addElement(NoteCitation(text="1"))
        body = NoteBody()
        body.addElement(P(text=stamp))
        note.addElement(body)
        paragraph.addElement(note)
    elif location == "comment":
        annotation = Annotation()
        annotation.addElement(P(text=stamp))
        paragraph.addElement(annotation)
    elif location == "text box":
        frame = Frame(width="4cm", height="1cm", anchortype="paragraph")
        box = TextBox()
        box.addElement(P(text=stamp))
        frame.addElement(box)
        paragraph.addElement(frame)
    elif location == "properties":
        document.meta.addElement(Title(text=stamp))
    document.text.addElement(paragraph)
    document.save(str(path))
    return path


@pytest.mark.parametrize("location", ["footnote", "comment", "text box", "properties"])
def test_odt_footnote_comment_frame_and_properties(tmp_path, location):
    """OpenDocument text: a stamp in a footnote, an annotation (comment), a text frame, or the title property."""
    assert_secret(_odt_with(location, "TỐI MẬT", tmp_path / "a.odt"), Level.TOI_MAT, location)


def test_odp_slide_notes(tmp_path):
    """OpenDocument presentation: a stamp in the notes of slide 1 is located as "slide 1 notes"."""
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.presentation import Notes
    from odf.style import MasterPage, PageLayout
    from odf.text import P

    document = OpenDocumentPresentation()
    layout = PageLayout(name="pl")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="m", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    page = Page(masterpagename=master)
    notes = Notes()
    frame = Frame(width="10cm", height="2cm", x="1cm", y="1cm")
    box = TextBox()
    box.addElement(P(text="MẬT"))
    frame.addElement(box)
    notes.addElement(frame)
    page.addElement(notes)
    document.presentation.addElement(page)
    document.save(str(tmp_path / "a.odp"))
    assert_secret(tmp_path / "a.odp", Level.MAT, "slide 1 notes")


def test_xlsx_cell_comment(tmp_path):
    """.xlsx, comment location: a stamp in the comment of cell B2 is located as "Sheet1!B2 comment"."""
    assert_secret(builders.xlsx_with_comment(tmp_path / "a.xlsx", "B2", "TỐI MẬT"), Level.TOI_MAT, "Sheet1!B2 comment")


def test_xlsx_shape_text_box(tmp_path):
    """.xlsx, text box location: a stamp in a drawing shape laid over the sheet."""
    import zipfile

    path = builders.xlsx(tmp_path / "a.xlsx", {"A1": "Bảng kê"})
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/drawings/drawing1.xml"] = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:sp><xdr:txBody>'
        "<a:p><a:r><a:t>TUYỆT</a:t></a:r><a:r><a:t> MẬT</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
        "</xdr:twoCellAnchor></xdr:wsDr>"
    ).encode()
    builders.zip_of(path, members)
    assert_secret(path, Level.TUYET_MAT, "text box")


def test_pptx_table_cell_and_properties(tmp_path):
    """.pptx: a stamp in a table cell of slide 1, and one in the document properties (title)."""
    import pptx as python_pptx
    from pptx.util import Inches

    presentation = python_pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(6), Inches(2)).table
    table.cell(0, 1).text = "MẬT"
    presentation.save(tmp_path / "t.pptx")
    assert_secret(tmp_path / "t.pptx", Level.MAT, "slide 1")
    presentation = python_pptx.Presentation()
    presentation.slides.add_slide(presentation.slide_layouts[6])
    presentation.core_properties.title = "TỐI MẬT"
    presentation.save(tmp_path / "p.pptx")
    assert_secret(tmp_path / "p.pptx", Level.TOI_MAT, "properties")

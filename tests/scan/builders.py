"""Build test files of every format at test time (no binary fixture is committed)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from email.message import EmailMessage
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def docx(path: Path, body: list[str] = (), header: str = "", footer: str = "", **extra: str) -> Path:
    """A Word file: body paragraphs, header/footer text and optional table, text box, comment, footnote, title."""
    import docx as python_docx

    document = python_docx.Document()
    for text in body:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    if "table" in extra:
        table = document.add_table(rows=2, cols=2)
        table.cell(1, 1).text = extra["table"]
    if "split" in extra:
        paragraph = document.add_paragraph()
        for piece in extra["split"]:
            paragraph.add_run(piece)
    if "title" in extra:
        document.core_properties.title = extra["title"]
    if "comment" in extra:
        paragraph = document.add_paragraph("Đoạn có góp ý")
        document.add_comment(paragraph.runs, text=extra["comment"], author="A")
    document.save(path)
    if "textbox" in extra or "footnote" in extra:
        _patch_docx(path, extra.get("textbox"), extra.get("footnote"))
    return path


_TEXTBOX = (
    '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
    '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
    "<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
    '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-'
    'com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Nội dung chính</w:t></w:r></w:p>"
)
_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/'
    'wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _patch_docx(path: Path, textbox: str | None, footnote: str | None) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if textbox:
        xml = parts["word/document.xml"].decode()
        xml = xml.replace("<w:body>", "<w:body>" + _TEXTBOX.format(text=textbox), 1)
        parts["word/document.xml"] = xml.encode()
    if footnote:
        parts["word/footnotes.xml"] = _FOOTNOTES.format(text=footnote).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def xlsx(path: Path, cells: dict[str, str], sheet: str = "Sheet1", header: str = "") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Tổng hợp"
    other = book.create_sheet(sheet)
    for ref, value in cells.items():
        other[ref] = value
    if header:
        other.oddHeader.center.text = header
    book.save(path)
    return path


def xlsx_with_comment(path: Path, ref: str, text: str) -> Path:
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active["A1"] = "Bảng"
    book.active[ref].comment = Comment(text, "A")
    book.save(path)
    return path


def pptx(path: Path, slides: list[list[str]], notes: dict[int, str] | None = None) -> Path:
    """Slides of text boxes (one box per string); notes by 1-based slide number."""
    import pptx as python_pptx
    from pptx.util import Inches

    presentation = python_pptx.Presentation()
    for number, texts in enumerate(slides, start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])
        for index, text in enumerate(texts):
            box = slide.shapes.add_textbox(Inches(1), Inches(1 + index), Inches(6), Inches(1))
            box.text_frame.text = text
        if notes and number in notes:
            slide.notes_slide.notes_text_frame.text = notes[number]
    presentation.save(path)
    return path


def odt(path: Path, body: list[str], header: str = "") -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout
    from odf.text import P

    document = OpenDocumentText()
    layout = PageLayout(name="pl")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    if header:
        head = Header()
        head.addElement(P(text=header))
        master.addElement(head)
        master.addElement(Footer())
    document.masterstyles.addElement(master)
    for text in body:
        document.text.addElement(P(text=text))
    document.save(str(path))
    return path


def ods(path: Path, rows: list[list[str]], name: str = "Bảng1") -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=name)
    for row in rows:
        table_row = TableRow()
        for value in row:
            cell = TableCell()
            if value:
                cell.addElement(P(text=value))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def odp(path: Path, slides: list[list[str]]) -> Path:
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.style import MasterPage, PageLayout
    from odf.text import P

    document = OpenDocumentPresentation()
    layout = PageLayout(name="pl")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="m", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    for texts in slides:
        page = Page(masterpagename=master)
        for text in texts:
            frame = Frame(width="10cm", height="2cm", x="1cm", y="1cm")
            box = TextBox()
            box.addElement(P(text=text))
            frame.addElement(box)
            page.addElement(frame)
        document.presentation.addElement(page)
    document.save(str(path))
    return path


def pdf(path: Path, pages: list[list[str]]) -> Path:
    from fpdf import FPDF

    document = FPDF()
    document.add_font("dv", fname=FONT)
    document.set_font("dv", size=12)
    for lines in pages:
        document.add_page()
        for line in lines:
            document.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    document.output(str(path))
    return path


def image(path: Path, lines: list[str]) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (900, 120 + 90 * len(lines)), "white")
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(FONT, 40)
    for index, line in enumerate(lines):
        draw.text((40, 40 + 90 * index), line, font=font, fill="black")
    picture.save(path)
    return path


def rtf(path: Path, body: list[str], header: str = "", encoding: str = "unicode") -> Path:
    def escape(text: str) -> str:
        if encoding == "tcvn3":
            return "".join(f"\\'{ord(ch):02x}" if ord(ch) > 127 else ch for ch in text)
        return "".join(f"\\u{ord(ch)}?" if ord(ch) > 127 else ch for ch in text)

    head = f"{{\\header\\pard {escape(header)}\\par}}" if header else ""
    paragraphs = "".join(f"\\pard {escape(text)}\\par\n" for text in body)
    path.write_text(f"{{\\rtf1\\ansi\\ansicpg1252{{\\fonttbl{{\\f0 Times;}}}}{head}\n{paragraphs}}}", "ascii")
    return path


def eml(path: Path, body: str, attachment: tuple[str, bytes] | None = None, html: str | None = None) -> Path:
    message = EmailMessage()
    message["Subject"] = "Gửi báo cáo"
    message["From"] = "vanthu@example.vn"
    message["To"] = "lanhdao@example.vn"
    message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html")
    if attachment:
        message.add_attachment(attachment[1], maintype="application", subtype="octet-stream", filename=attachment[0])
    path.write_bytes(bytes(message))
    return path


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def libreoffice_convert(source: Path, extension: str) -> Path | None:
    """Convert with LibreOffice (for .doc .xls .ppt); None when LibreOffice is not installed."""
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        return None
    profile = source.parent / ".lo-profile"
    subprocess.run(  # noqa: S603
        [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", extension,
         "--outdir", str(source.parent), str(source)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    target = source.with_suffix("." + extension)
    return target if target.exists() else None


def xlsx_inline(path: Path, cells: dict[str, str], hexadecimal: bool = False) -> Path:
    """An .xlsx whose cells are inline strings (t="inlineStr") written with numeric character references,
    as some exporters write them: "M&#7852;T" (or "M&#x1EAC;T")."""
    rows = "".join(
        f'<row r="{ref[1:]}"><c r="{ref}" t="inlineStr"><is><t>'
        + "".join(ch if ord(ch) < 128 else (f"&#x{ord(ch):X};" if hexadecimal else f"&#{ord(ch)};") for ch in text)
        + "</t></is></c></row>"
        for ref, text in cells.items()
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    members = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="Bảng 1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>',
    }
    return zip_of(path, {name: text.encode() for name, text in members.items()})


def replace_part(path: Path, part: str, data: bytes | None) -> Path:
    """Rewrite one member of an office package (``None`` removes it)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if data is None:
        parts.pop(part)
    else:
        parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def reencode_xml(xml: bytes, encoding: str, bom: bool) -> bytes:
    """Return an XML part re-encoded, its declaration naming ``encoding``, with or without a BOM."""
    import codecs

    text = xml.decode("utf-8")
    for quote in "\"'":
        text = text.replace(f"encoding={quote}UTF-8{quote}", f"encoding={quote}{encoding}{quote}", 1)
    marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}
    python = encoding.lower() if encoding.lower() in marks else encoding
    body = text.encode(python) if python != "windows-1258" else _cp1258(text)
    return (marks.get(python, b"") if bom else b"") + body


def seven_zip(path: Path, members: dict[str, bytes], password: str | None = None) -> Path:
    import py7zr

    with py7zr.SevenZipFile(path, "w", password=password, header_encryption=bool(password)) as archive:
        for name, data in members.items():
            archive.writestr(data, name)
    return path


def _cp1258(text: str) -> bytes:
    """Encode in windows-1258: a base letter (ô, ơ, ă...) then the tone as a combining mark."""
    import unicodedata

    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[:1], decomposed[1:]
        composed = [unicodedata.normalize("NFC", base + mark) + marks.replace(mark, "") for mark in marks]
        for candidate in (ch, *composed, decomposed):
            try:
                out.append(candidate.encode("cp1258"))
                break
            except UnicodeEncodeError:
                continue
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "not encodable")
    return b"".join(out)


def stamp_picture(path: Path, text: str = "TỐI MẬT", size: tuple[int, int] = (520, 160)) -> Path:
    """A red rectangular stamp as a picture (what a clerk pastes into a document)."""
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((6, 6, size[0] - 7, size[1] - 7), outline=(200, 20, 30), width=6)
    font = ImageFont.truetype(FONT, 64)
    draw.text((40, 40), text, font=font, fill=(200, 20, 30))
    picture.save(path)
    return path


def pdf_with_picture(path: Path, lines: list[str], picture: Path) -> Path:
    """A one-page PDF with a text layer and a picture placed on the page."""
    from fpdf import FPDF

    document = FPDF()
    document.add_font("dv", fname=FONT)
    document.set_font("dv", size=12)
    document.add_page()
    document.image(str(picture), x=20, y=20, w=60)
    document.set_xy(10, 60)
    for line in lines:
        document.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    document.output(str(path))
    return path


def pdf_with_annotations(path: Path, lines: list[str], free_text: str = "", note: str = "") -> Path:
    from fpdf import FPDF

    document = FPDF()
    document.add_font("dv", fname=FONT)
    document.set_font("dv", size=12)
    document.add_page()
    for line in lines:
        document.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    if free_text:
        document.free_text_annotation(free_text, x=120, y=20, w=60, h=15)
    if note:
        document.text_annotation(x=150, y=80, text=note)
    document.output(str(path))
    return path


def pdf_with_field(path: Path, lines: list[str], value: str) -> Path:
    """A PDF form: a text field "Độ mật" holding ``value``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    source = pdf(path.with_suffix(".plain.pdf"), [lines])
    writer = PdfWriter()
    writer.append(PdfReader(source))
    field = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"),
        NameObject("/T"): TextStringObject("do_mat"),
        NameObject("/V"): TextStringObject(value),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (300, 700, 500, 720)]),
    })  # fmt: skip
    reference = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([reference])})
    with open(path, "wb") as stream:
        writer.write(stream)
    source.unlink()
    return path


def docx_with_picture(path: Path, body: list[str], picture: Path) -> Path:
    import docx as python_docx
    from docx.shared import Cm

    document = python_docx.Document()
    for text in body:
        document.add_paragraph(text)
    document.add_picture(str(picture), width=Cm(6))
    document.save(path)
    return path

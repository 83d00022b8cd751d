"""Realistic additions to the benchmark corpus (issue 16): what the agencies' own files look like.

Called by corpus.py (``--realistic N``); every file gets a line in labels.jsonl like the others.

* ``pdf/long-*.pdf``: Word-style exports of 5-60 pages (Liberation Serif, justified paragraphs,
  headings, tables, page numbers), the stamp under the number on page 1 beside the national motto,
  on an annex page, typed as a FreeText annotation, pasted as a red picture, or absent (clean
  reports, handbooks with a section per level, blank forms, "Độ mật: Thường", mật mã guidance);
* ``scan/scanned-*.pdf``: image-only PDFs of 1-3 scanned pages (JPEG), a red framed stamp or none;
* ``docx/picture-*.docx``: a red stamp pasted as a picture (secret) or a photograph (clean);
* ``odd/``: a Word file named .pdf, a PDF named .docx, a .docx whose document.xml is UTF-16;
* ``docx/large-*.docx``: Word files of 5-19 MB with photographs;
* ``bigtext/*.txt``: plain text files of tens of MB without any mark (one with a stamp at the end).
"""

# ruff: noqa: S311 - seeded generators make a reproducible corpus, not secrets
from __future__ import annotations

import io
import random
import zipfile
from multiprocessing import Pool
from pathlib import Path

SERIF = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
MB = 1024 * 1024
LEVELS = {"MẬT": "MAT", "TỐI MẬT": "TOI_MAT", "TUYỆT MẬT": "TUYET_MAT"}
EXPLAIN = "Là bí mật nhà nước mà nếu bị lộ, bị mất có thể gây nguy hại đến lợi ích quốc gia, dân tộc."


def _label(path: str, fmt: str, group: str, level: str | None, kind: str, why: str, location: str = "") -> dict:
    return {
        "path": path,
        "verdict": "secret" if level else "clean",
        "level": LEVELS[level] if level else None,
        "format": fmt,
        "group": group,
        "location": location,
        "variant": None,
        "kind": kind,
        "why": why,
        "listed": [],
    }


def _sentences() -> list[str]:
    from corpus import NEG_SENTENCES, SENTENCES

    return SENTENCES + NEG_SENTENCES["bmnn_sentence"] + NEG_SENTENCES["mat_khau"]


# ---------------------------------------------------------------- Word-style PDF exports


def _pdf():
    from fpdf import FPDF

    class Export(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Serif", "", 10)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Export(format="A4")
    pdf.add_font("Serif", "", str(SERIF))
    pdf.add_font("Serif", "B", str(SERIF_BOLD))
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def _letterhead(pdf, rng: random.Random, stamp: str | None) -> None:
    """The two-column head of an administrative document: agency, number (and stamp) | motto, date."""
    y = 15
    left = ["UBND TỈNH NAM HÀ", "SỞ NỘI VỤ", f"Số: {rng.randint(1, 999)}/BC-SNV"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nam Hà, ngày 12 tháng 5 năm 2026"]
    for line_left, line_right in zip(left, right, strict=True):
        pdf.set_font("Serif", "B", 12)
        pdf.set_xy(20, y)
        pdf.cell(70, 6, line_left, align="C")
        pdf.set_xy(95, y)
        pdf.cell(100, 6, line_right, align="C")
        y += 6
    if stamp:
        pdf.set_xy(20, y + 2)
        pdf.set_text_color(210, 0, 0)
        pdf.set_font("Serif", "B", 14)
        pdf.cell(70, 8, stamp, align="C", border=1 if rng.random() < 0.5 else 0)
        pdf.set_text_color(0, 0, 0)
    pdf.set_xy(30, y + 16)


def _body(pdf, rng: random.Random, pages: int, extra: list[str]) -> None:
    sentences = _sentences()
    section = 0
    while pdf.page_no() < pages:
        section += 1
        pdf.set_font("Serif", "B", 13)
        pdf.multi_cell(0, 7, f"{section}. Kết quả thực hiện nhiệm vụ trọng tâm", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 13)
        for _ in range(rng.randint(3, 6)):
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 6)))
            pdf.multi_cell(0, 6.5, text, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        if rng.random() < 0.3:
            pdf.set_font("Serif", "", 11)
            with pdf.table(col_widths=(15, 70, 40, 40)) as table:
                for n in range(rng.randint(4, 10)):
                    row = table.row()
                    for cell in (str(n + 1), rng.choice(sentences)[:40], f"{rng.randint(1, 999)}", "Đạt"):
                        row.cell(cell)
            pdf.set_font("Serif", "", 13)
    for line in extra:
        pdf.multi_cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")


def _stamp_png(text: str, width: int = 520, height: int = 150) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((5, 5, width - 6, height - 6), outline=(200, 20, 30), width=6)
    font = ImageFont.truetype(str(DEJAVU_BOLD), 60)
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - box[2]) // 2, (height - box[3]) // 2 - 6), text, font=font, fill=(200, 20, 30))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def long_pdf(spec: tuple[str, int, str, str | None, int]) -> bytes:
    """One Word-style export: ``how`` places the stamp (or says which clean document it is)."""
    _name, seed, how, level, pages = spec
    rng = random.Random(seed)
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, rng, level if how == "letterhead" else None)
    pdf.set_font("Serif", "B", 14)
    titles = {
        "handbook": "TÀI LIỆU BỒI DƯỠNG NGHIỆP VỤ BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "form": "PHIẾU ĐỀ XUẤT ĐỘ MẬT CỦA VĂN BẢN",
        "cipher": "HƯỚNG DẪN SỬ DỤNG SẢN PHẨM MẬT MÃ DÂN SỰ",
    }
    pdf.multi_cell(0, 8, titles.get(how, "BÁO CÁO Kết quả công tác năm 2026"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Serif", "", 13)
    if how == "handbook":
        for name in ("TUYỆT MẬT", "TỐI MẬT", "MẬT"):
            pdf.set_font("Serif", "B", 13)
            pdf.cell(0, 8, name, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Serif", "", 13)
            for _ in range(6):
                pdf.multi_cell(0, 6.5, EXPLAIN, align="J", new_x="LMARGIN", new_y="NEXT")
    elif how == "form":
        for line in ("Tên văn bản: ........", "Độ mật: ..........", "Độ mật:", "Người đề xuất: ........"):
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    elif how == "ordinary":
        pdf.cell(0, 8, "Độ mật: Thường        Độ khẩn: Thường", new_x="LMARGIN", new_y="NEXT")
    elif how == "cipher":
        pdf.set_font("Serif", "B", 13)
        pdf.cell(0, 8, "MẬT MÃ", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 13)
    _body(pdf, rng, pages, [])
    if how == "annex":
        pdf.add_page()
        pdf.set_text_color(210, 0, 0)
        pdf.set_font("Serif", "B", 14)
        pdf.cell(0, 8, level or "", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Serif", "B", 13)
        pdf.cell(0, 8, "Phụ lục: Danh sách cán bộ tham gia", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 13)
        pdf.multi_cell(0, 6.5, " ".join(_sentences()[:4]), align="J", new_x="LMARGIN", new_y="NEXT")
    if how == "annotation":
        pdf.page = 1
        pdf.free_text_annotation(level or "", x=25, y=40, w=50, h=12)
        pdf.page = pdf.pages_count
    if how == "picture":
        pdf.page = 1
        pdf.image(io.BytesIO(_stamp_png(level or "")), x=30, y=36, w=50)
        pdf.page = pdf.pages_count
    return bytes(pdf.output())


# ---------------------------------------------------------------- scanned pages, pictures


def _scanned_page(rng: random.Random, stamp: str | None) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (1240, 1754), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(SERIF), 30)
    bold = ImageFont.truetype(str(DEJAVU_BOLD), 40)
    y = 100
    for line in ("UBND TỈNH NAM HÀ", "SỞ NỘI VỤ", f"Số: {rng.randint(1, 999)}/TB"):
        draw.text((120, y), line, fill="black", font=font)
        y += 46
    if stamp:
        width = draw.textlength(stamp, font=bold)
        draw.rectangle((110, y + 6, 140 + width, y + 70), outline=(205, 10, 20), width=5)
        draw.text((125, y + 14), stamp, fill=(205, 10, 20), font=bold)
    y += 120
    sentences = _sentences()
    while y < 1600:
        draw.text((120, y), rng.choice(sentences)[:70], fill=(20, 20, 20), font=font)
        y += 44
    out = io.BytesIO()
    page.save(out, "JPEG", quality=80)
    return out.getvalue()


def scanned_pdf(spec: tuple[str, int, str, str | None, int]) -> bytes:
    from fpdf import FPDF

    _name, seed, _how, level, pages = spec
    rng = random.Random(seed)
    pdf = FPDF(format="A4")
    for number in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(_scanned_page(rng, level if number == 0 else None)), x=0, y=0, w=210)
    return bytes(pdf.output())


def _docx(paragraphs: list[str], pictures: list[bytes]) -> bytes:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for picture in pictures:
        document.add_picture(io.BytesIO(picture), width=Cm(14))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def picture_docx(spec: tuple[str, int, str, str | None, int]) -> bytes:
    from corpus import photo

    _name, seed, how, level, _pages = spec
    rng = random.Random(seed)
    paragraphs = ["BÁO CÁO", *(rng.choice(_sentences()) for _ in range(12))]
    if how == "stamp":
        return _docx(paragraphs, [_stamp_png(level or "")])
    if how == "large":
        from corpus import photos_for

        return _docx(paragraphs * 20, photos_for(rng, rng.randint(5, 19) * MB))
    return _docx(paragraphs, [photo(rng, n) for n in range(2)])


def utf16_docx(spec: tuple[str, int, str, str | None, int]) -> bytes:
    _name, seed, _how, level, _pages = spec
    rng = random.Random(seed)
    data = _docx(["Số: 12/BC", *([level] if level else []), *(rng.choice(_sentences()) for _ in range(10))], [])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["word/document.xml"].decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'", 1)
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    parts["word/document.xml"] = b"\xff\xfe" + xml.encode("utf-16-le")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def big_text(spec: tuple[str, int, str, str | None, int]) -> bytes:
    """Prose of ``megabytes`` MB: ordinary sentences, or ("agency") a third about bí mật nhà nước, mật khẩu."""
    from corpus import SENTENCES

    _name, seed, how, level, megabytes = spec
    rng = random.Random(seed)
    sentences = _sentences() if how == "agency" else SENTENCES
    lines = [" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4))) for _ in range(4000)]
    block = ("\n".join(lines) + "\n").encode()
    data = block * (megabytes * MB // len(block) + 1)
    data = data[: megabytes * MB]
    data = data[: data.rfind(b"\n") + 1]
    if level:
        data += f"\n{level}\n".encode()
    return data


_BUILD = {
    "long": long_pdf,
    "scanned": scanned_pdf,
    "picture": picture_docx,
    "utf16": utf16_docx,
    "bigtext": big_text,
}


def _write(job: tuple[str, str, tuple]) -> None:
    out, kind, spec = job
    path = Path(out) / spec[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_BUILD[kind](spec))


def add(out: Path, count: int, seed: int, jobs: int, bigtext_mb: int = 30) -> list[dict]:
    """Write the realistic files under ``out`` and return their labels; ``count`` long PDFs set the scale."""
    rng = random.Random(seed + 16)
    jobs_list: list[tuple[str, str, tuple]] = []
    labels: list[dict] = []
    levels = list(LEVELS)
    placements = ["letterhead", "letterhead", "annex", "annotation", "picture"]
    cleans = ["report", "report", "handbook", "form", "ordinary", "cipher"]
    for n in range(count):
        pages = rng.choice([5, 8, 10, 12, 15, 20, 30, 45, 60])
        if n % 2 == 0:
            how, level = placements[(n // 2) % len(placements)], rng.choice(levels)
        else:
            how, level = cleans[(n // 2) % len(cleans)], None
        name = f"pdf/long-{n:03d}.pdf"
        jobs_list.append((str(out), "long", (name, rng.randrange(1 << 30), how, level, pages)))
        labels.append(_label(name, "pdf", "pdf", level, f"long_{how}", f"{pages}-page Word-style export, {how}"))
    for n in range(max(4, count // 5)):
        level = rng.choice(levels) if n % 2 == 0 else None
        name = f"scan/scanned-{n:03d}.pdf"
        pages = rng.choice([1, 1, 2, 3])
        jobs_list.append((str(out), "scanned", (name, rng.randrange(1 << 30), "scan", level, pages)))
        labels.append(_label(name, "pdf", "image", level, "scanned", f"{pages} scanned page(s), red stamp: {level}"))
    for n in range(max(4, count // 5)):
        level = rng.choice(levels) if n % 2 == 0 else None
        name = f"docx/picture-{n:03d}.docx"
        how = "stamp" if level else "photo"
        jobs_list.append((str(out), "picture", (name, rng.randrange(1 << 30), how, level, 0)))
        labels.append(_label(name, "docx", "office", level, f"picture_{how}", f"stamp pasted as a picture: {level}"))
    for n in range(max(2, count // 10)):
        name = f"docx/large-{n:03d}.docx"
        jobs_list.append((str(out), "picture", (name, rng.randrange(1 << 30), "large", None, 0)))
        labels.append(_label(name, "docx", "office", None, "large_photos", "Word file of 5-19 MB with photos"))
    for n in range(max(4, count // 5)):
        level = rng.choice(levels) if n % 2 == 0 else None
        name = f"odd/utf16-{n:03d}.docx"
        jobs_list.append((str(out), "utf16", (name, rng.randrange(1 << 30), "", level, 0)))
        labels.append(_label(name, "docx", "office", level, "utf16_part", "document.xml in UTF-16"))
    for n in range(4):
        # Three files of ordinary prose without any mark (the text speed target), and one of agency
        # prose where a third of the sentences say "bí mật nhà nước" or "mật khẩu", a stamp at its end.
        agency = n == 3
        level = "TỐI MẬT" if agency else None
        name = f"bigtext/export-{n:02d}.txt"
        group = "bigtext-agency" if agency else "bigtext"
        how = "agency" if agency else "plain"
        jobs_list.append((str(out), "bigtext", (name, rng.randrange(1 << 30), how, level, bigtext_mb)))
        labels.append(_label(name, "txt", group, level, "big_text", f"{bigtext_mb} MB of {how} prose"))
    with Pool(jobs) as pool:
        for done, _ in enumerate(pool.imap_unordered(_write, jobs_list), 1):
            if done % 20 == 0:
                print(f"  realistic: {done}/{len(jobs_list)}", flush=True)
    # Wrong names: a Word file named .pdf and a PDF named .docx (the content decides).
    wrong = []
    for label in labels:
        if label["kind"] in ("utf16_part",) and label["verdict"] == "secret" and len(wrong) < 3:
            source = out / label["path"]
            target = f"odd/word-named-{len(wrong)}.pdf"
            (out / target).write_bytes(source.read_bytes())
            wrong.append(_label(target, "pdf", "pdf", None, "word_named_pdf", "a Word file saved as .pdf"))
            wrong[-1].update(verdict="secret", level=label["level"])
    for label in labels:
        if label["kind"] == "long_letterhead" and len(wrong) < 6:
            target = f"odd/pdf-named-{len(wrong)}.docx"
            (out / target).write_bytes((out / label["path"]).read_bytes())
            wrong.append({**label, "path": target, "format": "docx", "group": "office", "kind": "pdf_named_docx"})
    return labels + wrong

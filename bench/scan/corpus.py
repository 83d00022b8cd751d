"""Build a labelled corpus for measuring bmnn-scan (issue 6).

    python bench/scan/corpus.py OUT [--files 2000] [--min-mb 500] [--seed 6] [--jobs N] [--no-legacy]

Writes the files under OUT and one JSON line per file to OUT/labels.jsonl:

    {"path": "docx/pos-0001.docx", "verdict": "secret"|"clean", "level": "MAT"|"TOI_MAT"|"TUYET_MAT"|null,
     "format": "docx", "group": "office"|"pdf"|"text"|"image"|"archive", "location": "header",
     "variant": "nfd", "kind": "positive"|"negative"|..., "why": "..."}

Everything is derived from --seed, so the same command gives the same files and labels (bytes may
differ where a library stamps the time, e.g. zip entry dates). Positives cover every format, every
location, every level and the text variants (NFC/NFD, letter-spaced, split runs, case, TCVN3, VNI);
negatives cover the hard cases of the issue (words inside sentences and titles, mật khẩu/độ/ong,
thân mật, a training list of level names, a news story quoting "MẬT", an empty "Độ mật:" field),
copy/recall/named-recipient marks alone, and declassified documents. Bulky but realistic padding
(long tables, many sheets, photos, long text files) brings the corpus to --min-mb.

Legacy .doc/.xls/.ppt are converted from a subset of the OOXML files with LibreOffice (headless).
The corpus must never be committed: generate it under /tmp.
"""

# ruff: noqa: S311, S603, E501, RUF005 - seeded test data, not cryptography; LibreOffice is called with our own files
from __future__ import annotations

import argparse
import email.message
import email.policy
import html
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
MB = 1024 * 1024

# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------

LEVEL_WORDS = {"MAT": "MẬT", "TOI_MAT": "TỐI MẬT", "TUYET_MAT": "TUYỆT MẬT"}
FIELD_VALUES = {"MAT": "Mật", "TOI_MAT": "Tối mật", "TUYET_MAT": "Tuyệt mật"}
STYLES = ["MAT", "TOI_MAT", "TUYET_MAT", "FIELD"]  # FIELD = "Độ mật: <level>" (level cycles)

AGENCIES = [
    ("UBND TỈNH NAM ĐỊNH", "SỞ TÀI CHÍNH"),
    ("BỘ CÔNG AN", "CÔNG AN TỈNH QUẢNG NINH"),
    ("UBND THÀNH PHỐ HÀ NỘI", "VĂN PHÒNG UBND THÀNH PHỐ"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CỤC QUẢN LÝ CHẤT LƯỢNG"),
    ("UBND HUYỆN ĐÔNG ANH", "PHÒNG NỘI VỤ"),
    ("TỈNH ỦY BẮC NINH", "BAN TỔ CHỨC"),
]
SYMBOLS = ["BC-UBND", "KH-CAT", "QĐ-STC", "TTr-VP", "CV-PNV", "BC-BTC", "TB-CQLCL"]
TITLES = [
    "BÁO CÁO Tình hình thực hiện nhiệm vụ quý III năm 2026",
    "KẾ HOẠCH Triển khai phương án bảo đảm an ninh trật tự",
    "QUYẾT ĐỊNH Về việc phê duyệt dự toán ngân sách năm 2027",
    "TỜ TRÌNH Đề nghị phê duyệt phương án tổ chức kỳ thi",
    "THÔNG BÁO Kết luận của đồng chí Chủ tịch tại cuộc họp giao ban",
    "BIÊN BẢN Kiểm tra công tác văn thư, lưu trữ",
]
SENTENCES = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, đơn vị đã triển khai đồng bộ các nhiệm vụ được giao.",
    "Tổng kinh phí đã giải ngân đến ngày 30 tháng 9 là 12.450 triệu đồng, đạt 78% kế hoạch năm.",
    "Các phòng chuyên môn phối hợp chặt chẽ với Ủy ban nhân dân các xã trong việc rà soát số liệu.",
    "Đề nghị các đơn vị báo cáo kết quả thực hiện trước ngày 15 hằng tháng để tổng hợp.",
    "Trong kỳ, đơn vị đã tiếp nhận 1.245 văn bản đến và phát hành 836 văn bản đi.",
    "Công tác cải cách hành chính tiếp tục được quan tâm, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%.",
    "Giao Văn phòng chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, đôn đốc và kiểm tra việc thực hiện.",
    "Phương án bố trí lực lượng, phương tiện được xây dựng chi tiết cho từng địa bàn trọng điểm.",
    "Hội nghị thống nhất đánh giá kết quả đạt được, đồng thời chỉ ra những tồn tại, hạn chế cần khắc phục.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước và các nguồn vốn hợp pháp khác theo quy định.",
    "Chế độ báo cáo định kỳ được thực hiện nghiêm túc, đúng thời hạn và đúng biểu mẫu quy định.",
    "Đoàn kiểm tra đã làm việc với 14 cơ quan, đơn vị và lập biên bản theo quy định.",
]
NEG_SENTENCES = {
    "bmnn_sentence": [
        "Tăng cường công tác bảo vệ bí mật nhà nước trong tình hình mới là nhiệm vụ thường xuyên.",
        "Năm 2026, đơn vị tổ chức 02 lớp tập huấn về công tác bảo vệ bí mật nhà nước cho cán bộ, công chức.",
        "Thủ trưởng cơ quan chịu trách nhiệm trước pháp luật về công tác bảo vệ bí mật nhà nước của đơn vị.",
    ],
    "mat_khau": [
        "Cán bộ phải thay đổi mật khẩu định kỳ 90 ngày và không dùng chung mật khẩu.",
        "Mật khẩu đăng nhập hệ thống phải có ít nhất 12 ký tự.",
    ],
    "mat_do": [
        "Mật độ dân số của huyện năm 2025 là 1.230 người/km2.",
        "Mật độ xây dựng tối đa của khu đô thị không vượt quá 40%.",
    ],
    "mat_ong": [
        "Hợp tác xã đã xuất bán 12 tấn mật ong rừng U Minh trong năm.",
        "Sản phẩm OCOP gồm mật ong hoa nhãn và trà xanh Tân Cương.",
    ],
    "than_mat": [
        "Buổi gặp mặt diễn ra trong không khí thân mật, cởi mở.",
        "Đồng chí Bí thư đã có cuộc trao đổi thân mật với cử tri.",
    ],
    "news_quote": [
        'Theo cáo trạng, bị cáo đã chụp ảnh tài liệu "MẬT" rồi gửi qua mạng xã hội cho người khác.',
        "Cơ quan điều tra xác định bị can đã làm lộ một tài liệu MẬT của cơ quan nơi công tác.",
    ],
}
BMNN_TITLES = [
    "KẾ HOẠCH THỰC HIỆN CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC NĂM 2026",
    "BÁO CÁO SƠ KẾT CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC 6 THÁNG ĐẦU NĂM",
]
EMPTY_FIELDS = ["Độ mật: ....", "Độ mật: ……………", "Độ mật: ________", "Độ mật:"]
COPY_MARKS = ["BẢN SAO SỐ 02", "Bản sao số: 03", "BẢN SỐ 05"]
RECALL_MARK = "TÀI LIỆU THU HỒI"
NAMED_MARK = "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"
DECLASS_MARK = "GIẢI MẬT"

# --------------------------------------------------------------------------------------------
# Legacy Vietnamese encodings (written independently of the scanner's decoder)
# --------------------------------------------------------------------------------------------

_TCVN3_LOWER = "ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_TCVN3_CODES = (
    [0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE]
    + [0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB]
    + [0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6]
    + [0xD7, 0xD8, 0xDC, 0xDD, 0xDE]
    + [0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE]
    + [0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9]
    + [0xFA, 0xFB, 0xFC, 0xFD, 0xFE]
)
_TCVN3 = dict(zip(_TCVN3_LOWER, (chr(c) for c in _TCVN3_CODES), strict=True))
_TCVN3_UPPER = {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7"}


def to_tcvn3(text: str) -> str:
    """TCVN3 (ABC) as typed with .VnTime/.VnTimeH: capitals without their own code use the lowercase code."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_UPPER:
            out.append(_TCVN3_UPPER[ch])
        elif ch in _TCVN3:
            out.append(_TCVN3[ch])
        elif ch.lower() in _TCVN3:
            out.append(_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> str:
    """VNI (VNI-Times): base letter followed by one Latin-1 character for the diacritics."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        upper = base.isupper()
        if ch in "đĐ":
            out.append("Ñ" if upper else "ñ")
            continue
        if not marks:
            out.append(ch)
            continue
        shape = next((m for m in marks if m in "\u0302\u0306\u031b"), None)
        tone = next((m for m in marks if m in _VNI_TONE), None)
        if shape == "\u031b":  # horn: ơ ư are single letters, tone follows
            code = {"o": "ô", "u": "ö"}[base.lower()]
            piece = code + (_VNI_TONE[tone] if tone else "")
        elif shape == "\u0302":
            piece = base.lower() + _VNI_CIRC[tone]
        elif shape == "\u0306":
            piece = base.lower() + _VNI_BREVE[tone]
        elif base.lower() == "i":
            piece = _VNI_I[tone]
        elif base.lower() == "y" and tone == "\u0323":
            piece = "î"
        else:
            piece = base.lower() + _VNI_TONE[tone]
        out.append(piece.upper() if upper else piece)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Stamps and variants
# --------------------------------------------------------------------------------------------

VARIANTS_ALL = ["nfc", "nfd", "spaced", "split", "lower", "mixed", "tcvn3", "vni", "bracket"]
RUNS_FORMATS = {"docx", "docm", "dotx", "odt", "pptx", "odp", "rtf", "html"}
LEGACY_FONT_FORMATS = {"docx", "rtf", "txt"}


def variants_for(fmt: str) -> list[str]:
    v = ["nfc", "nfd", "spaced", "lower", "mixed", "bracket"]
    if fmt in RUNS_FORMATS:
        v.append("split")
    if fmt in {"docx", "rtf"}:
        v += ["tcvn3", "vni"]
    if fmt == "txt":
        v.append("tcvn3")
    if fmt in {"png", "jpg", "pdfimg"}:
        v = ["nfc", "bracket"]
    return v


def stamp_text(style: str, level: str, variant: str) -> str:
    if style == "FIELD":
        text = f"Độ mật: {FIELD_VALUES[level]}"
        if variant == "spaced":
            variant = "nfc"  # a field is typed, never letter-spaced
    else:
        text = LEVEL_WORDS[level]
    if variant == "nfd":
        return unicodedata.normalize("NFD", text)
    if variant == "spaced":
        return "   ".join(" ".join(word) for word in text.split(" "))
    if variant == "lower":
        return text.lower()
    if variant == "mixed":
        return text.title() if style != "FIELD" else "ĐỘ MẬT: " + FIELD_VALUES[level].upper()
    if variant == "bracket":
        return f"[ {text} ]" if style != "FIELD" else text
    if variant == "tcvn3":
        return to_tcvn3(text)
    if variant == "vni":
        return to_vni(text)
    return text


@dataclass
class Stamp:
    text: str
    location: str
    split: bool = False
    font: str | None = None  # legacy font name


@dataclass
class Case:
    name: str  # relative path without extension
    fmt: str
    verdict: str
    level: str | None
    location: str | None
    variant: str | None
    kind: str
    why: str
    stamps: list[Stamp] = field(default_factory=list)
    negative: str | None = None  # hard-negative kind
    seed: int = 0
    target_bytes: int = 0


def legacy_font(variant: str | None) -> str | None:
    return {"tcvn3": ".VnTimeH", "vni": "VNI-Times"}.get(variant or "")


def split_points(text: str, rng: random.Random) -> list[str]:
    if len(text) < 3:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(2, len(text) - 1)))
    parts, last = [], 0
    for c in cuts:
        parts.append(text[last:c])
        last = c
    parts.append(text[last:])
    return [p for p in parts if p]


# --------------------------------------------------------------------------------------------
# Content helpers
# --------------------------------------------------------------------------------------------


def body_sentences(rng: random.Random, n: int, negative: str | None) -> list[str]:
    out = [rng.choice(SENTENCES) for _ in range(n)]
    if negative in NEG_SENTENCES:
        for s in NEG_SENTENCES[negative]:
            out.insert(rng.randrange(len(out) + 1), s)
    return out


def bulk_rows(rng: random.Random, n: int) -> list[list[str]]:
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thu Hà", "Vũ Đức Hải"]
    units = ["Phòng Tổng hợp", "Phòng Kế hoạch", "Văn phòng", "Phòng Tài chính", "Thanh tra", "Phòng Nội vụ"]
    rows = []
    for i in range(n):
        rows.append(
            [
                str(i + 1),
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026",
                rng.choice(names),
                rng.choice(units),
                rng.choice(SENTENCES)[:70],
                f"{rng.randint(1, 99999):,}".replace(",", "."),
            ]
        )
    return rows


_IMAGE_POOL: list[bytes] = []


def photo(rng: random.Random, index: int | None = None) -> bytes:
    """A noisy JPEG photo (~0.4-1.5 MB) from a deterministic pool."""
    from PIL import Image

    if not _IMAGE_POOL:
        prng = random.Random(4242)
        for i in range(16):
            w, h = 640 + 64 * (i % 6), 480 + 48 * (i % 5)
            img = Image.frombytes("RGB", (w, h), prng.randbytes(w * h * 3))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=80)
            _IMAGE_POOL.append(buf.getvalue())
    return _IMAGE_POOL[rng.randrange(len(_IMAGE_POOL)) if index is None else index % len(_IMAGE_POOL)]


def photos_for(rng: random.Random, nbytes: int) -> list[bytes]:
    """Photos (scanned attachments, site pictures) adding up to about nbytes."""
    out, size = [], 0
    while size < nbytes - 150_000:
        p = photo(rng)
        # a JPEG comment segment makes each copy unique, so that no library de-duplicates it away
        note = f"Anh so {len(out) + 1} - {rng.randrange(1 << 40)}".encode()
        at = 4 + int.from_bytes(p[4:6], "big")  # after SOI and the APP0 (JFIF) segment
        p = p[:at] + b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note + p[at:]
        out.append(p)
        size += len(p)
    return out


def header_lines(rng: random.Random) -> tuple[str, str, str, str]:
    top, unit = rng.choice(AGENCIES)
    number = f"Số: {rng.randint(1, 999)}/{rng.choice(SYMBOLS)}"
    title = rng.choice(TITLES)
    return top, unit, number, title


def case_blocks(case: Case, rng: random.Random) -> dict:
    """Everything a writer needs: text per location, the body, the hard-negative extras."""
    top, unit, number, title = header_lines(rng)
    neg = case.negative
    if neg == "bmnn_sentence":
        title = rng.choice(BMNN_TITLES)
    paras = body_sentences(rng, rng.randint(6, 14), neg)
    extra_body: list[str] = []  # paragraphs standing alone that are NOT marks
    if neg == "bmnn_title":
        extra_body.append("BẢO VỆ BÍ MẬT NHÀ NƯỚC")
    if neg == "training":
        extra_body += ["Các độ mật của bí mật nhà nước:", "Tuyệt mật", "Tối mật", "Mật"]
    if neg == "empty_field":
        extra_body.append(rng.choice(EMPTY_FIELDS))
    if neg == "mat_khau":
        extra_body.append("Mật khẩu")
    return {"top": top, "unit": unit, "number": number, "title": title, "paras": paras, "extra": extra_body}


# --------------------------------------------------------------------------------------------
# DOCX family
# --------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w_runs(parts: list[str], font: str | None, red: bool = True, bold: bool = True) -> str:
    rpr = ""
    if font:
        rpr += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    if bold:
        rpr += "<w:b/>"
    if red:
        rpr += '<w:color w:val="FF0000"/>'
    return "".join(
        f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{html.escape(p, quote=False)}</w:t></w:r>' for p in parts
    )


def _w_para(stamp: Stamp, rng: random.Random, frame: bool = False) -> str:
    parts = split_points(stamp.text, rng) if stamp.split else [stamp.text]
    ppr = ""
    if frame:
        ppr += (
            '<w:framePr w:w="2400" w:hSpace="180" w:wrap="around" w:vAnchor="text" w:hAnchor="page" '
            'w:x="1200" w:y="200"/>'
        )
        ppr += (
            "<w:pBdr>"
            + "".join(
                f'<w:{s} w:val="single" w:sz="12" w:space="4" w:color="FF0000"/>'
                for s in ("top", "left", "bottom", "right")
            )
            + "</w:pBdr>"
        )
    ppr += '<w:jc w:val="left"/>'
    return f'<w:p xmlns:w="{W_NS}"><w:pPr>{ppr}</w:pPr>{_w_runs(parts, stamp.font)}</w:p>'


def _textbox_run(stamp: Stamp, rng: random.Random, idx: int) -> str:
    parts = split_points(stamp.text, rng) if stamp.split else [stamp.text]
    return (
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        f'<w:pict><v:shape id="TextBox{idx}" o:spid="_x0000_s{1025 + idx}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:0;margin-top:0;width:130pt;height:32pt;z-index:1" strokecolor="red">'
        f"<v:textbox><w:txbxContent><w:p>{_w_runs(parts, stamp.font)}</w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>"
    )


def _add_footnote(doc, paragraph, stamp: Stamp, rng: random.Random) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    parts = split_points(stamp.text, rng) if stamp.split else [stamp.text]
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p><w:p>{_w_runs(parts, stamp.font)}</w:p></w:footnote></w:footnotes>'
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        )
    )


def _bulk_table_xml(rows: list[list[str]]) -> str:
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in rows[0])
    trs = []
    for row in rows:
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">'
            f"{html.escape(c, quote=False)}</w:t></w:r></w:p></w:tc>"
            for c in row
        )
        trs.append(f"<w:tr>{tcs}</w:tr>")
    borders = "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}'
        f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(trs)}</w:tbl>"
    )


def build_docx(case: Case, rng: random.Random) -> bytes:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.shared import Cm

    b = case_blocks(case, rng)
    doc = Document()
    cp = doc.core_properties
    cp.author, cp.title = "Văn thư", b["title"][:60]
    import datetime as _dt

    cp.created = cp.modified = _dt.datetime(2026, 5, 1, 8, 0, 0, tzinfo=_dt.UTC)
    body = doc.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")

    def add_xml(x: str):
        el = parse_xml(x)
        sect.addprevious(el)
        return el

    by_loc: dict[str, list[Stamp]] = {}
    for s in case.stamps:
        by_loc.setdefault(s.location, []).append(s)
    # header/footer
    section = doc.sections[0]
    section.header.paragraphs[0].text = b["top"]
    for s in by_loc.get("header", []):
        section.header._element.append(parse_xml(_w_para(s, rng)))
    section.footer.paragraphs[0].text = f"Trang 1 - {b['unit']}"
    for s in by_loc.get("footer", []):
        section.footer._element.append(parse_xml(_w_para(s, rng)))
    # layout table (agency / number) — stamp inside a cell when location == table
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = b["top"]
    left.add_paragraph(b["unit"])
    left.add_paragraph(b["number"])
    for s in by_loc.get("table", []):
        left._tc.append(parse_xml(_w_para(s, rng)))
    right.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    for s in by_loc.get("body", []):
        add_xml(_w_para(s, rng))
    for s in by_loc.get("frame", []):
        add_xml(_w_para(s, rng, frame=True))
    if by_loc.get("textbox"):
        p = doc.add_paragraph()
        for i, s in enumerate(by_loc["textbox"]):
            p._p.append(parse_xml(_textbox_run(s, rng, i + 1)))
    for line in b["extra"][:1]:
        doc.add_paragraph(line)
    doc.add_paragraph(b["title"]).runs[0].bold = True
    for line in b["extra"][1:]:
        doc.add_paragraph(line)
    paragraphs = [doc.add_paragraph(t) for t in b["paras"]]
    if by_loc.get("footnote"):
        _add_footnote(doc, paragraphs[0], by_loc["footnote"][0], rng)
    for s in by_loc.get("comment", []):
        doc.add_comment(paragraphs[min(1, len(paragraphs) - 1)].runs, text=s.text, author="Văn thư", initials="VT")
    for s in by_loc.get("properties", []):
        cp.category = s.text
    # bulk: long tables and photos
    target = case.target_bytes
    if target > 60_000:
        n_rows = min(1500, int(target * 0.2 / 110))  # ~110 bytes compressed per row
        for p in photos_for(rng, target - n_rows * 110):
            doc.add_picture(io.BytesIO(p), width=Cm(12))
        if n_rows:
            add_xml(_bulk_table_xml(bulk_rows(rng, n_rows)))
    for s in by_loc.get("annex", []):
        doc.add_page_break()
        add_xml(_w_para(s, rng))
        doc.add_paragraph(ANNEX_TEXT)
        doc.add_paragraph(rng.choice(SENTENCES))
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Như trên;")
    doc.add_paragraph("- Lưu: VT.")
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if case.fmt in ("docm", "dotx"):
        ct = {
            "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
            "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        }[case.fmt]
        data = _rewrite_content_type(
            data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", ct
        )
    return data


def _rewrite_content_type(data: bytes, old: str, new: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(old.encode(), new.encode())
            dst.writestr(info, blob)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------


def build_xlsx(case: Case, rng: random.Random) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    b = case_blocks(case, rng)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tong hop"
    n_sheets = rng.randint(1, 4)
    sheets = [ws] + [wb.create_sheet(f"Bieu {i}") for i in range(2, n_sheets + 1)]
    target = case.target_bytes
    n_rows = max(20, min(2500, target // 60 // n_sheets)) if target > 60_000 else rng.randint(15, 60)
    for sh in sheets:
        sh.append([b["top"]])
        sh.append([b["number"]])
        sh.append([b["title"]])
        sh.append(["STT", "Ngày", "Họ và tên", "Đơn vị", "Nội dung", "Số tiền"])
        for row in bulk_rows(rng, n_rows):
            sh.append(row)
    for line in b["extra"]:
        ws.append([line])
    for p in b["paras"][:3]:
        ws.append([p])
    if target > 60_000:  # scanned annexes pasted into the workbook
        from openpyxl.drawing.image import Image as XlImage

        for k, p in enumerate(photos_for(rng, target - n_rows * n_sheets * 60)):
            sheets[-1].add_image(XlImage(io.BytesIO(p)), f"J{2 + 40 * k}")
    locations = []
    for s in case.stamps:
        if s.location == "cell":
            sh = rng.choice(sheets)
            row = rng.randint(1, sh.max_row + 5)
            col = rng.choice("ABCDEFGH")
            # the stamp stands in its own cell: take a fresh row if that cell is taken
            if sh[f"{col}{row}"].value is not None:
                row = sh.max_row + 2
            sh[f"{col}{row}"] = s.text
            sh[f"{col}{row}"].font = Font(bold=True, color="FF0000")
            locations.append(f"{sh.title}!{col}{row}")
        elif s.location == "comment":
            sh = rng.choice(sheets)
            sh["C2"].comment = Comment(s.text, "Văn thư")
            locations.append(f"{sh.title}!C2 comment")
        elif s.location == "header":
            ws.oddHeader.left.text = s.text
            locations.append("header")
        elif s.location == "footer":
            ws.oddFooter.right.text = s.text
            locations.append("footer")
        elif s.location == "properties":
            wb.properties.category = s.text
            locations.append("properties")
    if locations:
        case.location = ", ".join(locations)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if case.fmt == "xlsm":
        data = _rewrite_content_type(
            data,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
    return data


# --------------------------------------------------------------------------------------------
# PPTX
# --------------------------------------------------------------------------------------------


def _pptx_text(tf, stamp: Stamp, rng: random.Random) -> None:
    from pptx.dml.color import RGBColor

    para = tf.paragraphs[0]
    for part in split_points(stamp.text, rng) if stamp.split else [stamp.text]:
        r = para.add_run()
        r.text = part
        r.font.bold = True
        r.font.color.rgb = RGBColor(0xFF, 0, 0)
        if stamp.font:
            r.font.name = stamp.font


def build_pptx(case: Case, rng: random.Random) -> bytes:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches, Pt

    b = case_blocks(case, rng)
    prs = Presentation()
    target = case.target_bytes
    pics = photos_for(rng, target) if target > 60_000 else []
    n_img = len(pics)
    n_slides = max(3, n_img + rng.randint(2, 6))
    stamp_slide = {s.location: (0 if rng.random() < 0.7 else rng.randrange(n_slides)) for s in case.stamps}
    locs = []
    for i in range(n_slides):
        layout = prs.slide_layouts[1]
        slide = prs.slides.add_slide(layout)
        if i == 0:
            slide.shapes.title.text = b["title"]
            body = slide.placeholders[1].text_frame
            body.text = b["unit"]
            for line in b["extra"]:
                body.add_paragraph().text = line
        else:
            slide.shapes.title.text = f"Nội dung {i}"
            body = slide.placeholders[1].text_frame
            body.text = rng.choice(b["paras"])
            for p in rng.sample(b["paras"], min(3, len(b["paras"]))):
                body.add_paragraph().text = p
        if i > 0 and n_img:
            slide.shapes.add_picture(io.BytesIO(pics[n_img - 1]), Inches(5), Inches(4), width=Inches(4))
            n_img -= 1
        for s in case.stamps:
            if stamp_slide[s.location] != i:
                continue
            if s.location == "slide":
                tb = slide.shapes.add_textbox(Inches(0.3), Inches(0.1), Inches(2.5), Inches(0.6))
                _pptx_text(tb.text_frame, s, rng)
                locs.append(f"slide {i + 1}")
            elif s.location == "shape":
                sh = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(7), Inches(0.1), Inches(2.5), Inches(0.6))
                _pptx_text(sh.text_frame, s, rng)
                locs.append(f"slide {i + 1} shape")
            elif s.location == "table":
                gt = slide.shapes.add_table(2, 2, Inches(0.5), Inches(5.5), Inches(6), Inches(1)).table
                gt.cell(0, 0).text = b["unit"]
                gt.cell(0, 1).text = b["number"]
                gt.cell(1, 1).text = "Ghi chú"
                _pptx_text(gt.cell(1, 0).text_frame, s, rng)
                locs.append(f"slide {i + 1} table")
            elif s.location == "notes":
                tf = slide.notes_slide.notes_text_frame
                tf.text = s.text
                tf.add_paragraph().text = "Người trình bày nhấn mạnh các số liệu chính."
                locs.append(f"slide {i + 1} notes")
            elif s.location == "properties":
                prs.core_properties.category = s.text
                locs.append("properties")
        if case.negative == "training" and i == 0:
            tb = slide.shapes.add_textbox(Inches(6), Inches(5), Inches(3), Inches(1.5))
            tb.text_frame.text = "Ba độ mật"
            for name in ("TUYỆT MẬT", "TỐI MẬT", "MẬT"):
                tb.text_frame.add_paragraph().text = name
            tb.text_frame.paragraphs[1].runs[0].font.size = Pt(14)
    if locs:
        case.location = ", ".join(locs)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# OpenDocument
# --------------------------------------------------------------------------------------------


def _odf_p(stamp: Stamp | str, rng: random.Random, style=None):
    from odf import teletype
    from odf.text import P, Span

    p = P(stylename=style) if style else P()
    if isinstance(stamp, str):
        teletype.addTextToElement(p, stamp)
        return p
    for part in split_points(stamp.text, rng) if stamp.split else [stamp.text]:
        span = Span()
        teletype.addTextToElement(span, part)
        p.addElement(span)
    return p


def build_odt(case: Case, rng: random.Random) -> bytes:
    from odf.dc import Creator
    from odf.draw import Frame, TextBox
    from odf.meta import Keyword
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout, PageLayoutProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import Note, NoteBody, NoteCitation, P

    b = case_blocks(case, rng)
    doc = OpenDocumentText()
    pl = PageLayout(name="pm1")
    pl.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm"))
    doc.automaticstyles.addElement(pl)
    mp = MasterPage(name="Standard", pagelayoutname=pl)
    hdr, ftr = Header(), Footer()
    hdr.addElement(_odf_p(b["top"], rng))
    ftr.addElement(_odf_p(b["unit"], rng))
    by_loc: dict[str, list[Stamp]] = {}
    for s in case.stamps:
        by_loc.setdefault(s.location, []).append(s)
    for s in by_loc.get("header", []):
        hdr.addElement(_odf_p(s, rng))
    for s in by_loc.get("footer", []):
        ftr.addElement(_odf_p(s, rng))
    mp.addElement(hdr)
    mp.addElement(ftr)
    doc.masterstyles.addElement(mp)
    t = Table(name="Thể thức")
    t.addElement(TableColumn(numbercolumnsrepeated=2))
    tr = TableRow()
    c1, c2 = TableCell(), TableCell()
    for line in (b["top"], b["unit"], b["number"]):
        c1.addElement(_odf_p(line, rng))
    for s in by_loc.get("table", []):
        c1.addElement(_odf_p(s, rng))
    c2.addElement(_odf_p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rng))
    tr.addElement(c1)
    tr.addElement(c2)
    t.addElement(tr)
    doc.text.addElement(t)
    for s in by_loc.get("body", []):
        doc.text.addElement(_odf_p(s, rng))
    for i, s in enumerate(by_loc.get("textbox", []) + by_loc.get("frame", [])):
        f = Frame(width="4cm", height="1cm", anchortype="paragraph", name=f"Khung{i}")
        tb = TextBox()
        tb.addElement(_odf_p(s, rng))
        f.addElement(tb)
        p = P()
        p.addElement(f)
        doc.text.addElement(p)
    doc.text.addElement(_odf_p(b["title"], rng))
    for line in b["extra"]:
        doc.text.addElement(_odf_p(line, rng))
    for j, text in enumerate(b["paras"]):
        p = _odf_p(text, rng)
        if j == 0 and by_loc.get("footnote"):
            n = Note(id="ftn1", noteclass="footnote")
            n.addElement(NoteCitation(text="1"))
            nb = NoteBody()
            nb.addElement(_odf_p(by_loc["footnote"][0], rng))
            n.addElement(nb)
            p.addElement(n)
        if j == 1 and by_loc.get("comment"):
            a = Annotation()
            a.addElement(Creator(text="Văn thư"))
            a.addElement(_odf_p(by_loc["comment"][0], rng))
            p.addElement(a)
        doc.text.addElement(p)
    for s in by_loc.get("properties", []):
        doc.meta.addElement(Keyword(text=s.text))
    for s in by_loc.get("annex", []):
        doc.text.addElement(_odf_p(s, rng))
        doc.text.addElement(_odf_p(ANNEX_TEXT, rng))
        doc.text.addElement(_odf_p(rng.choice(SENTENCES), rng))
    if case.target_bytes > 60_000:
        rows = bulk_rows(rng, min(800, case.target_bytes // 90))
        bt = Table(name="Phụ lục")
        bt.addElement(TableColumn(numbercolumnsrepeated=6))
        for row in rows:
            tr = TableRow()
            for cell in row:
                tc = TableCell()
                tc.addElement(P(text=cell))
                tr.addElement(tc)
            bt.addElement(tr)
        doc.text.addElement(bt)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def build_ods(case: Case, rng: random.Random) -> bytes:
    from odf.dc import Creator
    from odf.meta import Keyword
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    b = case_blocks(case, rng)
    doc = OpenDocumentSpreadsheet()
    n_sheets = rng.randint(1, 3)
    n_rows = min(800, case.target_bytes // 40 // n_sheets) if case.target_bytes > 60_000 else rng.randint(10, 40)
    stamp_cells = {}
    locs = []
    for s in case.stamps:
        if s.location in ("cell", "comment"):
            sheet = rng.randrange(n_sheets)
            row = rng.randrange(n_rows + 4)
            stamp_cells.setdefault((sheet, row), []).append(s)
    for si in range(n_sheets):
        name = f"Bieu{si + 1}"
        t = Table(name=name)
        lines = [[b["top"]], [b["number"]], [b["title"]], ["STT", "Ngày", "Họ và tên", "Đơn vị", "Nội dung", "Số tiền"]]
        lines += bulk_rows(rng, n_rows)
        if si == 0:
            lines += [[x] for x in b["extra"]]
        for ri, row in enumerate(lines):
            tr = TableRow()
            for cell in row:
                tc = TableCell(valuetype="string")
                tc.addElement(P(text=cell))
                tr.addElement(tc)
            for s in stamp_cells.get((si, ri), []):
                tc = TableCell(valuetype="string")
                col = chr(ord("A") + len(row))
                if s.location == "cell":
                    tc.addElement(_odf_p(s, rng))
                    locs.append(f"{name}!{col}{ri + 1}")
                else:
                    a = Annotation()
                    a.addElement(Creator(text="Văn thư"))
                    a.addElement(_odf_p(s, rng))
                    tc.addElement(a)
                    tc.addElement(P(text="Ghi chú"))
                    locs.append(f"{name}!{col}{ri + 1} comment")
                tr.addElement(tc)
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    for s in case.stamps:
        if s.location == "properties":
            doc.meta.addElement(Keyword(text=s.text))
            locs.append("properties")
    if locs:
        case.location = ", ".join(locs)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def build_odp(case: Case, rng: random.Random) -> bytes:
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.presentation import Notes
    from odf.style import MasterPage, PageLayout, PageLayoutProperties

    b = case_blocks(case, rng)
    doc = OpenDocumentPresentation()
    pl = PageLayout(name="PM1")
    pl.addElement(PageLayoutProperties(pagewidth="28cm", pageheight="21cm", printorientation="landscape"))
    doc.automaticstyles.addElement(pl)
    mp = MasterPage(name="Default", pagelayoutname=pl)
    doc.masterstyles.addElement(mp)
    n = rng.randint(2, 6)
    locs = []

    def box(page, items, x, y):
        f = Frame(width="20cm", height="3cm", x=x, y=y)
        tb = TextBox()
        for it in items:
            tb.addElement(_odf_p(it, rng))
        f.addElement(tb)
        page.addElement(f)

    for i in range(n):
        page = Page(name=f"page{i + 1}", masterpagename=mp)
        box(page, [b["title"] if i == 0 else f"Nội dung {i}"], "2cm", "1cm")
        items = [b["unit"]] + (b["extra"] if i == 0 else []) + rng.sample(b["paras"], min(3, len(b["paras"])))
        box(page, items, "2cm", "5cm")
        if i == 0:
            for s in case.stamps:
                if s.location == "slide":
                    box(page, [s], "1cm", "0.2cm")
                    locs.append("slide 1")
                elif s.location == "notes":
                    notes = Notes()
                    f = Frame(width="20cm", height="5cm", x="2cm", y="15cm")
                    tb = TextBox()
                    tb.addElement(_odf_p(s, rng))
                    tb.addElement(_odf_p("Người trình bày nhấn mạnh các số liệu chính.", rng))
                    f.addElement(tb)
                    notes.addElement(f)
                    page.addElement(notes)
                    locs.append("slide 1 notes")
        doc.presentation.addElement(page)
    if locs:
        case.location = ", ".join(locs)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# PDF (fpdf2) and images
# --------------------------------------------------------------------------------------------


def _new_pdf(header: str | None, footer: str | None):
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            self.set_font("DejaVu", "", 9)
            self.set_text_color(0, 0, 0)
            self.cell(0, 5, "Văn phòng - Tài liệu nội bộ", new_x="LMARGIN", new_y="NEXT")
            if header:
                self.set_text_color(220, 0, 0)
                self.set_font("DejaVu", "B", 11)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
            self.ln(2)

        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", "", 8)
            self.cell(0, 5, f"Trang {self.page_no()}", align="C", new_x="LMARGIN", new_y="NEXT")
            if footer:
                self.set_text_color(220, 0, 0)
                self.set_font("DejaVu", "B", 10)
                self.cell(0, 5, footer, align="C")
                self.set_text_color(0, 0, 0)

    pdf = Doc(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_creator("BMNN corpus")
    pdf.set_creation_date(__import__("datetime").datetime(2026, 5, 1, tzinfo=__import__("datetime").timezone.utc))
    return pdf


def _pdf_stamp(pdf, text: str, frame: bool = False) -> None:
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_text_color(220, 0, 0)
    pdf.cell(60, 9, text, border=1 if frame else 0, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 11)


def build_pdf(case: Case, rng: random.Random) -> bytes:
    b = case_blocks(case, rng)
    by_loc = {s.location: s for s in case.stamps}
    pdf = _new_pdf(
        by_loc["header"].text if "header" in by_loc else None, by_loc["footer"].text if "footer" in by_loc else None
    )
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    if "table" in by_loc:  # the layout table: agency, number and stamp left, national motto right
        with pdf.table(col_widths=(90, 90), borders_layout="NONE", text_align="CENTER") as t:
            r = t.row()
            r.cell("\n".join((b["top"], b["unit"], b["number"], by_loc["table"].text)))
            r.cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    else:
        for line in (b["top"], b["unit"], b["number"]):
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if "body" in by_loc:
        _pdf_stamp(pdf, by_loc["body"].text)
    if "frame" in by_loc:
        _pdf_stamp(pdf, by_loc["frame"].text, frame=True)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 7, b["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for line in b["extra"]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    for p in b["paras"]:
        pdf.multi_cell(0, 6, p, new_x="LMARGIN", new_y="NEXT")
    target = case.target_bytes
    pages = 0
    if target > 60_000:
        pages = min(30, int(target * 0.3 // 5000))
        for i, p in enumerate(photos_for(rng, target - pages * 5000)):
            pdf.add_page()
            pdf.cell(0, 6, f"Ảnh hiện trường số {i + 1}", new_x="LMARGIN", new_y="NEXT")
            pdf.image(io.BytesIO(p), w=170)
        rows = bulk_rows(rng, 45)
        for _ in range(pages):
            pdf.add_page()
            pdf.set_font("DejaVu", "", 8)
            for row in rows:
                pdf.cell(0, 4.5, " | ".join(row), new_x="LMARGIN", new_y="NEXT")
            rng.shuffle(rows)
    if "page" in by_loc:
        pdf.add_page()
        _pdf_stamp(pdf, by_loc["page"].text)
        pdf.multi_cell(0, 6, rng.choice(SENTENCES), new_x="LMARGIN", new_y="NEXT")
        case.location = f"page {pdf.page_no()}"
    if "annex" in by_loc:
        pdf.add_page()
        _pdf_stamp(pdf, by_loc["annex"].text)
        pdf.multi_cell(0, 6, ANNEX_TEXT, new_x="LMARGIN", new_y="NEXT")
    if "properties" in by_loc:
        pdf.set_keywords(by_loc["properties"].text)
    pdf.set_title(b["title"][:60])
    return bytes(pdf.output())


def render_page_image(case: Case, rng: random.Random, fmt: str) -> bytes:
    """A scanned-looking A4 page at 150 dpi, stamp in red in a box under the number."""
    from PIL import Image, ImageDraw, ImageFont

    b = case_blocks(case, rng)
    img = Image.new("RGB", (1240, 1754), "white")
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(str(FONT), 30)
    fb = ImageFont.truetype(str(FONT_BOLD), 40)
    y = 80
    for line in (b["top"], b["unit"], b["number"]):
        d.text((100, y), line, fill="black", font=f)
        y += 48
    for s in case.stamps:
        d.rectangle((90, y + 4, 110 + d.textlength(s.text, font=fb), y + 64), outline=(210, 0, 0), width=4)
        d.text((100, y + 10), s.text, fill=(210, 0, 0), font=fb)
        y += 90
    y += 30
    d.text((100, y), b["title"][:50], fill="black", font=fb)
    y += 80
    for line in b["extra"]:
        d.text((100, y), line, fill="black", font=f)
        y += 46
    for p in b["paras"]:
        words, cur = p.split(), ""
        for w in words:
            if d.textlength(cur + " " + w, font=f) > 1040:
                d.text((100, y), cur, fill="black", font=f)
                y += 44
                cur = w
            else:
                cur = (cur + " " + w).strip()
        d.text((100, y), cur, fill="black", font=f)
        y += 56
        if y > 1650:
            break
    buf = io.BytesIO()
    if fmt == "jpg":
        img.save(buf, "JPEG", quality=85)
    else:
        img.convert("L").save(buf, "PNG", optimize=False)
    return buf.getvalue()


def build_pdfimg(case: Case, rng: random.Random) -> bytes:
    from fpdf import FPDF

    png = render_page_image(case, rng, "png")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(png), x=0, y=0, w=210)
    return bytes(pdf.output())


# --------------------------------------------------------------------------------------------
# RTF
# --------------------------------------------------------------------------------------------


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif o < 128:
            out.append(ch)
        else:
            out.append(f"\\u{o if o < 32768 else o - 65536}?")
    return "".join(out)


def _rtf_stamp(s: Stamp, rng: random.Random) -> str:
    if s.font:  # legacy 8-bit text in a legacy font: bytes as \'xx
        f = 1 if s.font.startswith(".Vn") else 2
        body = "".join(f"\\'{ord(c):02x}" if ord(c) > 127 else c for c in s.text)
        return f"{{\\f{f}\\b\\cf1 {body}}}"
    parts = split_points(s.text, rng) if s.split else [s.text]
    return "".join(f"{{\\b\\cf1 {_rtf_escape(p)}}}" for p in parts)


def build_rtf(case: Case, rng: random.Random) -> bytes:
    b = case_blocks(case, rng)
    by_loc = {s.location: s for s in case.stamps}
    out = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}{\\f1 .VnTimeH;}{\\f2 VNI-Times;}}",
        "{\\colortbl;\\red255\\green0\\blue0;}",
    ]
    hdr = "{\\header \\pard\\plain " + _rtf_escape(b["top"]) + "\\par"
    if "header" in by_loc:
        hdr += "\\pard\\plain " + _rtf_stamp(by_loc["header"], rng) + "\\par"
    out.append(hdr + "}")
    ftr = "{\\footer \\pard\\plain\\qc " + _rtf_escape(b["unit"]) + "\\par"
    if "footer" in by_loc:
        ftr += "\\pard\\plain\\qc " + _rtf_stamp(by_loc["footer"], rng) + "\\par"
    out.append(ftr + "}")
    if "table" in by_loc:
        out.append("\\trowd\\cellx4500\\cellx9000")
        out.append(
            "\\pard\\intbl "
            + _rtf_escape(b["unit"])
            + "\\line "
            + _rtf_escape(b["number"])
            + "\\par "
            + _rtf_stamp(by_loc["table"], rng)
            + "\\cell"
        )
        out.append("\\pard\\intbl " + _rtf_escape("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "\\cell\\row\\pard")
    else:
        for line in (b["top"], b["unit"], b["number"]):
            out.append("\\pard\\plain " + _rtf_escape(line) + "\\par")
    if "body" in by_loc:
        out.append("\\pard\\plain " + _rtf_stamp(by_loc["body"], rng) + "\\par")
    if "frame" in by_loc:
        out.append(
            "\\pard\\plain\\pvpg\\phpg\\posx1200\\posy600\\absw2400\\box\\brdrs\\brdrw15\\brdrcf1 "
            + _rtf_stamp(by_loc["frame"], rng)
            + "\\par\\pard"
        )
    out.append("\\pard\\plain\\qc\\b " + _rtf_escape(b["title"]) + "\\b0\\par")
    for line in b["extra"]:
        out.append("\\pard\\plain " + _rtf_escape(line) + "\\par")
    for j, p in enumerate(b["paras"]):
        fn = ""
        if j == 0 and "footnote" in by_loc:
            fn = (
                "{\\super\\chftn}{\\footnote\\pard\\plain{\\super\\chftn} \\par\\pard\\plain "
                + _rtf_stamp(by_loc["footnote"], rng)
                + "\\par}"
            )
        out.append("\\pard\\plain " + _rtf_escape(p) + fn + "\\par")
    if case.target_bytes > 60_000:
        for row in bulk_rows(rng, case.target_bytes // 260):
            out.append("\\trowd" + "".join(f"\\cellx{1500 * (k + 1)}" for k in range(len(row))))
            out.append("".join("\\pard\\intbl " + _rtf_escape(c) + "\\cell" for c in row) + "\\row")
        out.append("\\pard")
    if "annex" in by_loc:
        out.append("\\page\\pard\\plain " + _rtf_stamp(by_loc["annex"], rng) + "\\par")
        out.append("\\pard\\plain " + _rtf_escape(ANNEX_TEXT) + "\\par")
    out.append("}")
    return "\n".join(out).encode("ascii")


# --------------------------------------------------------------------------------------------
# Plain text formats
# --------------------------------------------------------------------------------------------


def _text_lines(case: Case, rng: random.Random) -> tuple[list[str], dict[str, Stamp], dict]:
    b = case_blocks(case, rng)
    by_loc = {s.location: s for s in case.stamps}
    return [], by_loc, b


def _pad_lines(rng: random.Random, target: int) -> list[str]:
    lines, size = [], 0
    while size < target:
        s = rng.choice(SENTENCES)
        lines.append(s)
        size += len(s.encode()) + 1
    return lines


def build_txt(case: Case, rng: random.Random) -> bytes:
    _, by_loc, b = _text_lines(case, rng)
    lines = [b["top"], b["unit"], b["number"]]
    if "body" in by_loc:
        lines.append(by_loc["body"].text)
    lines += ["", b["title"], ""] + b["extra"] + b["paras"]
    lines += _pad_lines(rng, case.target_bytes)
    if "body_deep" in by_loc:
        at = rng.randrange(len(lines) // 2, len(lines) + 1)
        lines[at:at] = ["", by_loc["body_deep"].text, ""]
    if "annex" in by_loc:
        lines += ["", by_loc["annex"].text, ANNEX_TEXT, rng.choice(SENTENCES)]
    if any(s.font for s in case.stamps):
        # a whole file typed in TCVN3: everything is 8-bit (the stamp is already encoded)
        stamps = {s.text for s in case.stamps}
        lines = [line if line in stamps else to_tcvn3(line) for line in lines]
        return ("\n".join(lines) + "\n").encode("latin-1", errors="replace")
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_md(case: Case, rng: random.Random) -> bytes:
    _, by_loc, b = _text_lines(case, rng)
    lines = [f"{b['top']}  ", f"{b['unit']}  ", f"{b['number']}", ""]
    if "body" in by_loc:
        lines += [f"**{by_loc['body'].text}**", ""]
    lines += [f"# {b['title']}", ""] + [f"- {x}" for x in b["extra"]] + [""]
    for p in b["paras"]:
        lines += [p, ""]
    lines += _pad_lines(rng, case.target_bytes)
    if "body_deep" in by_loc:
        lines += ["", f"**{by_loc['body_deep'].text}**", ""]
    if "annex" in by_loc:
        lines += ["", f"**{by_loc['annex'].text}**", "", f"## {ANNEX_TEXT}", ""]
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_csv(case: Case, rng: random.Random) -> bytes:
    import csv

    _, by_loc, b = _text_lines(case, rng)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([b["top"]])
    w.writerow([b["title"]])
    rows = bulk_rows(rng, max(20, case.target_bytes // 110))
    stamp_row = None
    if "cell" in by_loc:
        stamp_row = rng.choice([0, 0, rng.randrange(len(rows))])
    w.writerow(["STT", "Ngày", "Họ và tên", "Đơn vị", "Nội dung", "Số tiền"])
    for x in b["extra"]:
        w.writerow([x])
    for i, row in enumerate(rows):
        if i == stamp_row:
            w.writerow(["", by_loc["cell"].text, "", "", "", ""])
            case.location = f"row {i + 5}"
        w.writerow(row)
    return buf.getvalue().encode("utf-8")


def build_html(case: Case, rng: random.Random) -> bytes:
    _, by_loc, b = _text_lines(case, rng)

    def stamp_html(s: Stamp) -> str:
        parts = split_points(s.text, rng) if s.split else [s.text]
        return "".join(f"<span>{html.escape(p)}</span>" for p in parts)

    e = html.escape
    out = [
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">',
        f"<title>{e(b['title'][:60])}</title></head><body>",
    ]
    if "table" in by_loc:
        out.append(
            f'<table><tr><td>{e(b["unit"])}<br>{e(b["number"])}<p class="dau-mat">'
            f"<b>{stamp_html(by_loc['table'])}</b></p></td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr></table>"
        )
    else:
        out.append(f"<p>{e(b['top'])}<br>{e(b['unit'])}</p><p>{e(b['number'])}</p>")
    if "body" in by_loc:
        out.append(f'<p class="dau-mat" style="color:red"><b>{stamp_html(by_loc["body"])}</b></p>')
    out.append(f"<h1>{e(b['title'])}</h1>")
    out += [f"<p>{e(x)}</p>" for x in b["extra"]]
    out += [f"<p>{e(p)}</p>" for p in b["paras"]]
    pad = _pad_lines(rng, case.target_bytes)
    for i in range(0, len(pad), 8):
        out.append("<p>" + e(" ".join(pad[i : i + 8])) + "</p>")
    if "annex" in by_loc:
        out.append(f'<p class="dau-mat"><b>{stamp_html(by_loc["annex"])}</b></p><h2>{e(ANNEX_TEXT)}</h2>')
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")


def build_eml(case: Case, rng: random.Random) -> bytes:
    _, by_loc, b = _text_lines(case, rng)
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["From"] = "Văn thư <vanthu@sotaichinh.example.vn>"
    msg["To"] = "lanhdao@sotaichinh.example.vn"
    msg["Subject"] = "V/v " + b["title"][:50]
    msg["Date"] = "Fri, 01 May 2026 08:00:00 +0700"
    lines = ["Kính gửi lãnh đạo,", "", b["number"]]
    if "body" in by_loc:
        lines.append(by_loc["body"].text)
    lines += ["", b["title"], ""] + b["extra"] + b["paras"] + _pad_lines(rng, case.target_bytes)
    msg.set_content("\n".join(lines))
    if "html" in by_loc:
        msg.add_alternative(
            f"<html><body><p>{html.escape(b['number'])}</p><p><b style='color:red'>"
            f"{html.escape(by_loc['html'].text)}</b></p><p>{html.escape(b['title'])}</p>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in b["paras"])
            + "</body></html>",
            subtype="html",
        )
    if "attachment" in by_loc:
        inner = Case(
            name="x",
            fmt="docx",
            verdict=case.verdict,
            level=case.level,
            location="body",
            variant=None,
            kind="",
            why="",
            stamps=[Stamp(by_loc["attachment"].text, "body")],
            seed=case.seed,
        )
        data = build_docx(inner, random.Random(case.seed + 1))
        msg.add_attachment(
            data,
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename="bao-cao.docx",
        )
        case.location = "attachment bao-cao.docx: body"
    return bytes(msg)


# --------------------------------------------------------------------------------------------
# ZIP (nested)
# --------------------------------------------------------------------------------------------


def build_zip(case: Case, rng: random.Random) -> bytes:
    """Members: clean filler documents plus, for positives, one stamped member (maybe in a nested zip)."""

    def member(fmt: str, stamps: list[Stamp], neg: str | None = None) -> bytes:
        c = Case(
            name="m",
            fmt=fmt,
            verdict="",
            level=None,
            location=None,
            variant=None,
            kind="",
            why="",
            stamps=stamps,
            negative=neg,
            seed=rng.randrange(1 << 30),
        )
        return BUILDERS[fmt](c, random.Random(c.seed))

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(rng.randint(1, 3)):
            fmt = rng.choice(["docx", "txt", "pdf", "xlsx"])
            z.writestr(f"ho-so/tai-lieu-{i + 1}.{fmt}", member(fmt, [], case.negative))
        if case.stamps:
            s = case.stamps[0]
            fmt = rng.choice(["docx", "pdf", "txt", "xlsx", "pptx"])
            loc = {"docx": "body", "pdf": "body", "txt": "body", "xlsx": "cell", "pptx": "slide"}[fmt]
            data = member(fmt, [Stamp(s.text, loc)])
            if case.location == "nested":
                inner = io.BytesIO()
                with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zi:
                    zi.writestr(f"mat/bao-cao.{fmt}", data)
                    zi.writestr("doc-ky.txt", "Danh sách tài liệu gửi kèm.\n")
                z.writestr("ho-so/dinh-kem.zip", inner.getvalue())
                case.location = f"ho-so/dinh-kem.zip/mat/bao-cao.{fmt}: {loc}"
            else:
                z.writestr(f"ho-so/bao-cao.{fmt}", data)
                case.location = f"ho-so/bao-cao.{fmt}: {loc}"
    return out.getvalue()


def build_png(case: Case, rng: random.Random) -> bytes:
    return render_page_image(case, rng, "png")


def build_jpg(case: Case, rng: random.Random) -> bytes:
    return render_page_image(case, rng, "jpg")


BUILDERS = {
    "docx": build_docx,
    "docm": build_docx,
    "dotx": build_docx,
    "xlsx": build_xlsx,
    "xlsm": build_xlsx,
    "pptx": build_pptx,
    "odt": build_odt,
    "ods": build_ods,
    "odp": build_odp,
    "pdf": build_pdf,
    "pdfimg": build_pdfimg,
    "rtf": build_rtf,
    "txt": build_txt,
    "md": build_md,
    "csv": build_csv,
    "html": build_html,
    "eml": build_eml,
    "zip": build_zip,
    "png": build_png,
    "jpg": build_jpg,
}
EXT = {"pdfimg": "pdf"}
GROUP = {
    "docx": "office",
    "docm": "office",
    "dotx": "office",
    "xlsx": "office",
    "xlsm": "office",
    "pptx": "office",
    "odt": "office",
    "ods": "office",
    "odp": "office",
    "rtf": "office",
    "doc": "office",
    "xls": "office",
    "ppt": "office",
    "pdf": "pdf",
    "pdfimg": "image",
    "png": "image",
    "jpg": "image",
    "txt": "text",
    "md": "text",
    "csv": "text",
    "html": "text",
    "eml": "text",
    "zip": "archive",
}
LOCATIONS = {
    "docx": ["body", "table", "header", "footer", "textbox", "comment", "footnote", "properties", "frame"],
    "docm": ["body", "header", "textbox", "footnote"],
    "dotx": ["body", "footer", "comment", "table"],
    "xlsx": ["cell", "header", "footer", "comment", "properties"],
    "xlsm": ["cell", "header", "comment"],
    "pptx": ["slide", "shape", "table", "notes", "properties"],
    "odt": ["body", "table", "header", "footer", "textbox", "comment", "footnote", "properties"],
    "ods": ["cell", "comment", "properties"],
    "odp": ["slide", "notes"],
    "pdf": ["body", "page", "header", "footer", "table", "frame", "properties"],
    "rtf": ["body", "header", "footer", "footnote", "table", "frame"],
    "txt": ["body", "body_deep"],
    "md": ["body", "body_deep"],
    "csv": ["cell"],
    "html": ["body", "table"],
    "eml": ["body", "html", "attachment"],
    "zip": ["member", "nested"],
    "png": ["image"],
    "jpg": ["image"],
    "pdfimg": ["image"],
}
ANNEX_FORMATS = {"docx", "docm", "dotx", "odt", "pdf", "txt", "md", "html", "rtf"}
ANNEX_TEXT = "PHỤ LỤC: Danh sách cán bộ tham gia"
NEG_LOCATION = {
    "xlsx": "cell",
    "xlsm": "cell",
    "ods": "cell",
    "csv": "cell",
    "pptx": "slide",
    "odp": "slide",
    "zip": "member",
    "png": "image",
    "jpg": "image",
    "pdfimg": "image",
    "eml": "body",
}
NEGATIVE_KINDS = [
    "bmnn_sentence",
    "bmnn_title",
    "mat_khau",
    "mat_do",
    "mat_ong",
    "than_mat",
    "training",
    "news_quote",
    "empty_field",
    "plain",
]
LISTED_KINDS = ["copy", "recall", "named", "declassified"]
# Weights of formats for filler files (realistic mix of an agency's share)
FILLER_MIX = [
    ("docx", 22),
    ("xlsx", 12),
    ("pdf", 16),
    ("pptx", 5),
    ("txt", 8),
    ("csv", 6),
    ("html", 6),
    ("md", 3),
    ("eml", 5),
    ("odt", 3),
    ("ods", 2),
    ("rtf", 3),
    ("zip", 3),
    ("odp", 1),
    ("docm", 1),
    ("xlsm", 1),
    ("dotx", 1),
]
# how the bytes of filler files are spread across groups (office, pdf, text)
SIZE_SHARE = {"office": 0.35, "pdf": 0.25, "text": 0.40}


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


def plan(n_files: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    counters: dict[str, int] = {}

    def name(fmt: str, kind: str) -> str:
        counters[fmt] = counters.get(fmt, 0) + 1
        return f"{EXT.get(fmt, fmt) if fmt != 'pdfimg' else 'scan'}/{kind}-{counters[fmt]:04d}"

    def positive(
        fmt: str,
        loc: str,
        style: str,
        variant: str,
        extra: list[Stamp] | None = None,
        kind: str = "positive",
        level: str | None = None,
    ) -> Case:
        lvl = level or (rng.choice(["MAT", "TOI_MAT", "TUYET_MAT"]) if style == "FIELD" else style)
        text = stamp_text(style, lvl, variant)
        st = Stamp(text, loc, split=variant == "split", font=legacy_font(variant))
        stamps = [st] + (extra or [])
        why = f"{'field ' if style == 'FIELD' else ''}{LEVEL_WORDS[lvl]} stamp ({variant}) in {loc}"
        return Case(
            name=name(fmt, "pos"),
            fmt=fmt,
            verdict="secret",
            level=lvl,
            location=loc,
            variant=variant,
            kind=kind,
            why=why,
            stamps=stamps,
            seed=rng.randrange(1 << 30),
        )

    # 1. every format x location x style, variants cycling
    for fmt, locs in LOCATIONS.items():
        vs = variants_for(fmt)
        k = 0
        styles = STYLES if fmt not in ("docm", "dotx", "xlsm", "png", "jpg", "pdfimg") else ["MAT", "TOI_MAT"]
        for loc in locs:
            for style in styles:
                cases.append(positive(fmt, loc, style, vs[k % len(vs)]))
                k += 1
        # make sure every variant appears at least once, in the first location
        for v in vs:
            cases.append(positive(fmt, locs[0], rng.choice(STYLES[:3]), v))
        # combined marks: level + copy number, two levels (highest wins), level + urgency
        loc0 = locs[0]
        if fmt not in ("png", "jpg", "pdfimg", "zip", "csv"):
            c = positive(fmt, loc0, "TOI_MAT", "nfc", kind="positive_multi")
            c.stamps.append(Stamp(rng.choice(COPY_MARKS), loc0 if len(locs) == 1 else locs[1]))
            c.why += " + copy-number stamp"
            cases.append(c)
            if fmt in ANNEX_FORMATS:
                c = positive(fmt, loc0, "TUYET_MAT", "nfc", kind="positive_multi")
                c.stamps.append(Stamp("MẬT", "annex"))
                c.why += " + an annex stamped MẬT at the end (highest wins)"
                cases.append(c)
    # 2. hard negatives in every format
    for fmt in LOCATIONS:
        for neg in NEGATIVE_KINDS:
            cases.append(
                Case(
                    name=name(fmt, "neg"),
                    fmt=fmt,
                    verdict="clean",
                    level=None,
                    location=NEG_LOCATION.get(fmt, "body"),
                    variant=None,
                    kind="negative",
                    why=f"hard negative: {neg}",
                    negative=neg,
                    seed=rng.randrange(1 << 30),
                )
            )
    # 3. copy / recall / named-recipient alone, and declassified documents (clean, marks listed)
    for fmt, locs in LOCATIONS.items():
        if fmt in ("zip",):
            continue
        loc = locs[0]
        for listed in LISTED_KINDS:
            if listed == "copy":
                stamps = [Stamp(rng.choice(COPY_MARKS), loc)]
            elif listed == "recall":
                stamps = [Stamp(RECALL_MARK, loc)]
            elif listed == "named":
                stamps = [Stamp(NAMED_MARK, loc)]
            else:
                lvl = rng.choice(["MAT", "TOI_MAT", "TUYET_MAT"])
                stamps = [Stamp(LEVEL_WORDS[lvl], loc), Stamp(DECLASS_MARK, locs[1] if len(locs) > 1 else loc)]
            cases.append(
                Case(
                    name=name(fmt, "listed"),
                    fmt=fmt,
                    verdict="clean",
                    level=None,
                    location=loc,
                    variant=None,
                    kind=f"listed_{listed}",
                    why=f"{listed} mark {'with a level stamp ' if listed == 'declassified' else ''}alone: clean",
                    stamps=stamps,
                    seed=rng.randrange(1 << 30),
                )
            )
    # 4. fillers up to n_files (legacy conversions are added on top, see main)
    fmts = [f for f, _ in FILLER_MIX]
    weights = [w for _, w in FILLER_MIX]
    while len(cases) < n_files:
        fmt = rng.choices(fmts, weights)[0]
        if rng.random() < 0.3:
            loc = rng.choice(LOCATIONS[fmt])
            vs = variants_for(fmt)
            c = positive(fmt, loc, rng.choice(STYLES), rng.choice(vs), kind="filler_positive")
        else:
            neg = rng.choice(NEGATIVE_KINDS + ["plain"] * 6)
            c = Case(
                name=name(fmt, "doc"),
                fmt=fmt,
                verdict="clean",
                level=None,
                location=NEG_LOCATION.get(fmt, "body"),
                variant=None,
                kind="filler_clean",
                why="ordinary document" + ("" if neg == "plain" else f" with hard negative: {neg}"),
                negative=neg,
                seed=rng.randrange(1 << 30),
            )
        c.kind = c.kind if c.kind.startswith("filler") else "filler"
        cases.append(c)
    return cases


def assign_sizes(cases: list[Case], min_bytes: int, seed: int) -> None:
    """Give filler files a byte target so that the corpus reaches min_bytes, spread over groups."""
    rng = random.Random(seed + 17)
    fillers = [c for c in cases if c.kind.startswith("filler") and c.fmt != "zip"]
    by_group: dict[str, list[Case]] = {}
    for c in fillers:
        by_group.setdefault(GROUP[c.fmt], []).append(c)
    budget = max(0, min_bytes - len(cases) * 40_000)
    for group, share in SIZE_SHARE.items():
        members = by_group.get(group, [])
        if not members:
            continue
        weights = [rng.paretovariate(1.6) for _ in members]
        total = sum(weights)
        for c, w in zip(members, weights, strict=True):
            cap = MB if c.fmt in ("ods", "odt", "odp") else 3 * MB if c.fmt == "rtf" else 40 * MB
            c.target_bytes = int(min(cap, budget * share * w / total))


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def label_of(case: Case, path: str) -> dict:
    fmt = EXT.get(case.fmt, case.fmt)
    return {
        "path": path,
        "verdict": case.verdict,
        "level": case.level,
        "format": fmt,
        "group": GROUP[case.fmt],
        "location": case.location,
        "variant": case.variant,
        "kind": case.kind,
        "why": case.why,
        "listed": [s.text for s in case.stamps] if case.verdict == "clean" and case.stamps else [],
    }


def write_case(args: tuple[Case, str]) -> dict:
    case, out = args
    rng = random.Random(case.seed)
    rel = f"{case.name}.{EXT.get(case.fmt, case.fmt)}"
    path = Path(out) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = BUILDERS[case.fmt](case, rng)
    path.write_bytes(data)
    return label_of(case, rel)


def convert_legacy(out: Path, labels: list[dict], seed: int, per_kind: int) -> list[dict]:
    """Convert a subset of docx/xlsx/pptx to doc/xls/ppt with LibreOffice, keeping their labels."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice not found: no legacy .doc/.xls/.ppt", file=sys.stderr)
        return []
    rng = random.Random(seed + 99)
    new = []
    targets = {"docx": ("doc", "MS Word 97"), "xlsx": ("xls", "MS Excel 97"), "pptx": ("ppt", "MS PowerPoint 97")}
    for src_fmt, (dst_fmt, filt) in targets.items():
        pool = [lab for lab in labels if lab["format"] == src_fmt and os.path.getsize(out / lab["path"]) < 3 * MB]
        # all positives of the matrix first (each location/variant), then negatives
        pos = [lab for lab in pool if lab["kind"].startswith("positive")]
        neg = [lab for lab in pool if not lab["kind"].startswith("positive")]
        rng.shuffle(neg)
        chosen = pos[: per_kind * 2 // 3] + neg[: per_kind - min(len(pos), per_kind * 2 // 3)]
        dst_dir = out / dst_fmt
        dst_dir.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as profile:
            files = [str(out / lab["path"]) for lab in chosen]
            for i in range(0, len(files), 60):
                subprocess.run(
                    [
                        soffice,
                        f"-env:UserInstallation=file://{profile}",
                        "--headless",
                        "--convert-to",
                        f"{dst_fmt}:{filt}",
                        "--outdir",
                        str(dst_dir),
                        *files[i : i + 60],
                    ],
                    check=False,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=1800,
                )
        for lab in chosen:
            stem = Path(lab["path"]).stem
            dst = dst_dir / f"{stem}.{dst_fmt}"
            if dst.exists():
                final = dst_dir / f"{stem}-{src_fmt}.{dst_fmt}"
                dst.rename(final)
                new.append(
                    {
                        **lab,
                        "path": str(final.relative_to(out)),
                        "format": dst_fmt,
                        "why": lab["why"] + f" (converted from {src_fmt} by LibreOffice)",
                    }
                )
    return new


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--min-mb", type=float, default=500)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--legacy", type=int, default=None, help="files per legacy format (default: files/25)")
    ap.add_argument("--no-legacy", action="store_true")
    ap.add_argument(
        "--realistic", type=int, default=40, help="Word-style PDF exports of 5-60 pages and the other issue-16 files"
    )
    ap.add_argument("--bigtext-mb", type=int, default=30, help="size of each of the four large plain-text files")
    args = ap.parse_args(argv)
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"{out} is not empty", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    per_legacy = 0 if args.no_legacy else (args.legacy if args.legacy is not None else max(20, args.files // 25))
    cases = plan(max(0, args.files - 3 * per_legacy), args.seed)
    assign_sizes(cases, int(args.min_mb * MB), args.seed)
    # big files first so that the pool stays busy
    order = sorted(cases, key=lambda c: -c.target_bytes)
    labels: list[dict] = []
    with Pool(args.jobs) as pool:
        for i, lab in enumerate(pool.imap_unordered(write_case, [(c, str(out)) for c in order], chunksize=2), 1):
            labels.append(lab)
            if i % 200 == 0:
                print(f"  {i}/{len(order)} files", file=sys.stderr)
    if per_legacy:
        print(f"  converting {per_legacy} files each to .doc/.xls/.ppt with LibreOffice...", file=sys.stderr)
        labels += convert_legacy(out, labels, args.seed, per_legacy)
    if args.realistic:
        import realistic

        print(f"  realistic files ({args.realistic} long PDFs and the rest)...", file=sys.stderr)
        labels += realistic.add(out, args.realistic, args.seed, args.jobs, args.bigtext_mb)
    # top up with long plain-text exports if the size is short
    total = sum((out / lab["path"]).stat().st_size for lab in labels)
    rng = random.Random(args.seed + 7)
    k = 0
    while total < args.min_mb * MB:
        k += 1
        fmt = rng.choice(["txt", "csv", "html"])
        c = Case(
            name=f"{fmt}/export-{k:04d}",
            fmt=fmt,
            verdict="clean",
            level=None,
            location="body",
            variant=None,
            kind="filler_clean",
            why="large export (top-up)",
            negative="plain",
            seed=rng.randrange(1 << 30),
            target_bytes=int(min(30 * MB, args.min_mb * MB - total + MB)),
        )
        lab = write_case((c, str(out)))
        labels.append(lab)
        total += (out / lab["path"]).stat().st_size
    labels.sort(key=lambda lab: lab["path"])
    with open(out / "labels.jsonl", "w", encoding="utf-8") as fh:
        for lab in labels:
            fh.write(json.dumps(lab, ensure_ascii=False) + "\n")
    n_secret = sum(lab["verdict"] == "secret" for lab in labels)
    print(f"{len(labels)} files, {total / MB:.1f} MB, {n_secret} secret, {len(labels) - n_secret} clean -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A plan as a Vietnamese administrative document (Decree 30/2020 layout), DOCX and PDF (P1).

Sections as the agencies write them: the documents implemented, I. purposes and requirements,
II. content, III. assignment of tasks (a table, then per unit), IV. organisation and reporting.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bmnn.core.text import fold
from bmnn.documents.administrative import AdminDocument, Heading, Paragraph, Table, render_docx, render_pdf

from .choices import PlanStatus, Role
from .models import Plan

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _place(unit: Any) -> str:
    root = ([unit, *unit.ancestors()])[-1]
    for prefix in ("Ủy ban nhân dân tỉnh ", "UBND tỉnh ", "Tỉnh ", "tỉnh "):
        if root.name.startswith(prefix):
            return root.name[len(prefix) :]
    return root.name


def _basis(plan: Plan) -> list[Paragraph]:
    lines = [line if line.lower().startswith("căn cứ") else f"Căn cứ {line}" for line in plan.basis_lines()]
    parent = plan.parent
    if parent is not None and not any(parent.reference in line for line in lines):
        lines.append(
            f"Căn cứ Kế hoạch số {parent.reference} ngày {parent.issued_on:%d/%m/%Y} của "
            f"{parent.issuing_unit.name} về {parent.title[:1].lower()}{parent.title[1:]}"
        )
    body = [Paragraph(line.rstrip(";.") + ";", italic=True) for line in lines]
    body.append(
        Paragraph(f"{plan.issuing_unit.name} ban hành Kế hoạch {plan.title[:1].lower()}{plan.title[1:]} như sau:")
    )
    return body


def _units(assignments: list[Any], role: str) -> str:
    return ", ".join(a.unit.name for a in assignments if a.role == role)


def _tasks(plan: Plan) -> list[Any]:
    tasks = list(plan.tasks.prefetch_related("assignments__unit"))
    if not tasks:
        return [Paragraph("(Chưa phân công nhiệm vụ.)", italic=True)]
    rows = []
    per_unit: dict[str, list[str]] = defaultdict(list)
    for t in tasks:
        assignments = list(t.assignments.all())
        rows.append(
            [
                str(t.order),
                t.title + (f"\n{t.description}" if t.description else ""),
                _units(assignments, Role.LEAD),
                _units(assignments, Role.COORDINATOR) or "–",
                t.timing,
            ]
        )
        for a in assignments:
            per_unit[a.unit.name].append(f"- {a.get_role_display()}: {t.title} ({t.timing.lower()}).")
    body: list[Any] = [
        Table(
            header=["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
            rows=rows,
            widths=[8, 62, 36, 30, 24],
            size=11,
        )
    ]
    for i, unit in enumerate(sorted(per_unit, key=fold), 1):
        body.append(Paragraph(f"{i}. {unit}", bold=True))
        body += [Paragraph(line) for line in per_unit[unit]]
    return body


def plan_document(plan: Plan) -> AdminDocument:
    """Build the printable plan; a draft prints "DỰ THẢO" and leaves the number blank."""
    unit = plan.issuing_unit
    issued = plan.status == PlanStatus.ISSUED
    body: list[Any] = [
        *_basis(plan),
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        *[Paragraph(line) for line in _lines(plan.purposes)],
        Heading("II. NỘI DUNG"),
        *[Paragraph(f"{c.order}. {c.text}") for c in plan.contents.all()],
        Heading("III. PHÂN CÔNG NHIỆM VỤ"),
        *_tasks(plan),
        Heading("IV. TỔ CHỨC THỰC HIỆN, CHẾ ĐỘ BÁO CÁO"),
        *(
            [Paragraph(line) for line in _lines(plan.reporting)]
            or [
                Paragraph(
                    "Các đơn vị báo cáo kết quả thực hiện nhiệm vụ được giao theo thời hạn nêu trên; "
                    "khi xảy ra lộ, mất bí mật nhà nước phải báo cáo đột xuất ngay."
                )
            ]
        ),
    ]
    # "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC": the first line is the authority (ô 7a), the last the title.
    lines = _lines(plan.signer_title.upper()) or ["THỦ TRƯỞNG ĐƠN VỊ"]
    authority, title = (lines[0] if len(lines) > 1 else ""), lines[-1]
    number = f"{plan.number}/{plan.symbol}" if issued and plan.number else f"      /{plan.symbol}"
    return AdminDocument(
        agency=unit.name,
        superior=unit.parent.name if unit.parent is not None else "",
        kind="KẾ HOẠCH",
        title=plan.title,
        number=number,
        place=plan.place or _place(unit),
        date=plan.issued_on,
        body=body,
        recipients=_lines(plan.recipients) or ["Như mục III;", "Lưu: VT."],
        signer_authority=authority,
        signer_title=title,
        signer_name=plan.signer_name,
        circulation="" if issued else "DỰ THẢO",
    )


def render(plan: Plan, fmt: str) -> tuple[bytes, str]:
    """The plan printed as ``fmt`` ("docx" or "pdf") and its content type."""
    doc = plan_document(plan)
    data = render_docx(doc) if fmt == "docx" else render_pdf(doc)
    return data, FORMATS[fmt]


def filename(plan: Plan, fmt: str) -> str:
    """An ASCII file name, e.g. ke-hoach-15-KH-SGDDT-2026.pdf."""
    ref = fold(f"{plan.number or 'du-thao'}-{plan.symbol}").upper().replace(" ", "-").replace("/", "-")
    return f"ke-hoach-{ref}-{plan.year}.{fmt}"

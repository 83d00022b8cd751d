"""What `bmnn inspections` does for each sub-command (P2): validate with the screens' forms, call the service,
describe the result in Vietnamese. Shared by the `inspections` command and any command that hooks it in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.files import File
from django.core.management.base import CommandError

from bmnn.core import clock
from bmnn.org.models import Person

from .. import selectors as s
from ..choices import Answer, FindingStatus
from ..inspection_forms import AnswerForm, ConcludeForm, FindingCloseForm, FindingForm, InspectionOpenForm
from ..models import ChecklistTemplate, Inspection
from ..services import inspections as services

ACTIONS = ("checklist", "list", "open", "show", "answer", "finding", "conclude", "findings", "close")


def add_arguments(sub: Any) -> None:
    """Add the self-inspection sub-commands to an argparse sub-parser set."""
    checklist = sub.add_parser("checklist", help="nội dung danh mục kiểm tra và căn cứ pháp lý")
    checklist.add_argument("--template", type=int, help="số hiệu danh mục (mặc định: danh mục mặc định)")
    sub.add_parser("list", help="các đợt kiểm tra bạn được xem")
    opening = sub.add_parser("open", help="mở đợt kiểm tra một đơn vị")
    opening.add_argument("--unit", type=int, required=True, help="số hiệu đơn vị được kiểm tra")
    opening.add_argument("--by", type=int, required=True, help="số hiệu đơn vị kiểm tra (chính nó hoặc cấp trên)")
    opening.add_argument("--team", required=True, help="đoàn kiểm tra, mỗi thành viên một dòng")
    opening.add_argument("--date", help="ngày kiểm tra YYYY-MM-DD (mặc định: hôm nay)")
    opening.add_argument("--decision", default="", help="quyết định kiểm tra")
    opening.add_argument("--template", type=int, help="số hiệu danh mục (mặc định: danh mục mặc định)")
    opening.add_argument("--plan", type=int, help="số hiệu kế hoạch")
    show = sub.add_parser("show", help="xem đợt kiểm tra, từng nội dung và tồn tại")
    show.add_argument("id", type=int)
    answer = sub.add_parser("answer", help="ghi kết quả một nội dung: " + ", ".join(Answer.values))
    answer.add_argument("id", type=int)
    answer.add_argument("item", type=int, help="thứ tự nội dung trong danh mục")
    answer.add_argument("--result", required=True, choices=Answer.values)
    answer.add_argument("--note", default="")
    answer.add_argument("--file", action="append", default=[], help="tệp minh chứng (lặp lại được)")
    finding = sub.add_parser("finding", help="ghi tồn tại với biện pháp, người chịu trách nhiệm, hạn")
    finding.add_argument("id", type=int)
    finding.add_argument("--item", type=int, help="thứ tự nội dung kiểm tra liên quan")
    finding.add_argument("--description", required=True)
    finding.add_argument("--remedy", required=True)
    finding.add_argument("--owner", required=True, help="tên đăng nhập người chịu trách nhiệm")
    finding.add_argument("--due", required=True, help="hạn khắc phục YYYY-MM-DD")
    conclude = sub.add_parser("conclude", help="kết luận đợt kiểm tra")
    conclude.add_argument("id", type=int)
    conclude.add_argument("--conclusion", required=True)
    findings = sub.add_parser("findings", help="tồn tại đang khắc phục (đánh dấu quá hạn)")
    findings.add_argument("--overdue", action="store_true", help="chỉ tồn tại quá hạn")
    findings.add_argument("--all", action="store_true", help="cả tồn tại đã khắc phục")
    close = sub.add_parser("close", help="xác nhận đã khắc phục một tồn tại")
    close.add_argument("id", type=int)
    close.add_argument("--result-note", required=True)


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return form.cleaned_data


def run(actor: Person, o: dict[str, Any]) -> str:
    """Run one sub-command; a refusal raises DomainError or CommandError."""
    return str(HANDLERS[o["action"]](actor, o))


def _checklist(actor: Person, o: dict[str, Any]) -> str:
    template = (ChecklistTemplate.objects.filter(pk=o["template"], active=True).first() if o["template"]
                else s.default_template())
    if template is None:
        raise CommandError("Không có danh mục kiểm tra đang dùng.")
    lines, group = [f"[{template.pk}] {template.name}"], ""
    for item in template.items.all():
        if item.group != group:
            group = item.group
            lines.append(group)
        lines.append(f"  {item.order}. {item.text}\n     Căn cứ: {item.legal_basis}")
    return "\n".join(lines)


def _list(actor: Person, o: dict[str, Any]) -> str:
    rows = [f"[{i.pk}] {i.started_on:%d/%m/%Y} {i.unit} – kiểm tra bởi {i.inspecting_unit} – {i.get_status_display()}"
            for i in s.inspections_visible_to(actor)]
    return "\n".join(rows) or "Chưa có đợt kiểm tra nào."


def _open(actor: Person, o: dict[str, Any]) -> str:
    default = s.default_template()
    data = {"unit": o["unit"], "inspecting_unit": o["by"], "team": o["team"].replace("\\n", "\n"),
            "started_on": o["date"] or clock.today().isoformat(), "decision_ref": o["decision"],
            "plan": o["plan"] or "", "template": o["template"] or (default.pk if default else "")}
    made = services.inspection_open(actor=actor, **_valid(InspectionOpenForm(data, person=actor)))
    return f"Đã mở đợt kiểm tra số {made.pk}: {made} – {made.answers.count()} nội dung cần đánh giá."


def _inspection(actor: Person, pk: int) -> Inspection:
    return s.inspection_get_for_user(actor, pk)


def _show(actor: Person, o: dict[str, Any]) -> str:
    i = _inspection(actor, o["id"])
    lines = [f"{i} – {i.get_status_display()}", f"Đơn vị kiểm tra: {i.inspecting_unit}",
             "Đoàn kiểm tra: " + "; ".join(i.team_lines())]
    for a in i.answers.all():
        lines.append(f"  {a.order}. [{a.get_result_display() or 'chưa đánh giá'}] {a.text[:90]}"
                     + (f" – {a.note}" if a.note else ""))
    for f in i.findings.select_related("owner"):
        lines.append(_finding_line(f))
    if i.conclusion:
        lines.append(f"Kết luận: {i.conclusion}")
    return "\n".join(lines)


def _answer(actor: Person, o: dict[str, Any]) -> str:
    inspection = _inspection(actor, o["id"])
    answer = inspection.answers.filter(order=o["item"]).first()
    if answer is None:
        raise CommandError(f"Đợt kiểm tra không có nội dung số {o['item']}.")
    paths = [Path(p) for p in o["file"]]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise CommandError("Không có tệp: " + ", ".join(missing))
    handles = [p.open("rb") for p in paths]
    try:
        files = {"files": [File(h, name=p.name) for h, p in zip(handles, paths, strict=True)]}
        data = _valid(AnswerForm({"result": o["result"], "note": o["note"]}, files))
        services.inspection_answer(actor=actor, answer=answer, **data)
    finally:
        for h in handles:
            h.close()
    return f"Đã ghi kết quả nội dung {answer.order}: {Answer(o['result']).label}."


def _finding(actor: Person, o: dict[str, Any]) -> str:
    inspection = _inspection(actor, o["id"])
    owner = Person.objects.filter(username=o["owner"]).first()
    answer = inspection.answers.filter(order=o["item"]).first() if o["item"] else None
    if o["item"] and answer is None:
        raise CommandError(f"Đợt kiểm tra không có nội dung số {o['item']}.")
    data = {"description": o["description"], "remedy": o["remedy"], "due": o["due"],
            "owner": owner.pk if owner else "", "answer": answer.pk if answer else ""}
    made = services.finding_record(actor=actor, inspection=inspection,
                                   **_valid(FindingForm(data, inspection=inspection)))
    return f"Đã ghi tồn tại số {made.pk}, hạn khắc phục {made.due:%d/%m/%Y}, giao {made.owner.get_full_name()}."


def _conclude(actor: Person, o: dict[str, Any]) -> str:
    inspection = services.inspection_conclude(actor=actor, inspection=_inspection(actor, o["id"]),
                                              **_valid(ConcludeForm({"conclusion": o["conclusion"]})))
    return f"Đã kết luận đợt kiểm tra số {inspection.pk}; {inspection.findings.count()} tồn tại được theo dõi."


def _finding_line(f: Any) -> str:
    flag = " – QUÁ HẠN" if f.overdue else ""
    state = f.get_status_display() + (f" {f.closed_on:%d/%m/%Y}" if f.closed_on else "")
    return (f"[{f.pk}] {f.inspection.unit} – {f.description} – khắc phục: {f.remedy} – "
            f"{f.owner.get_full_name()} – hạn {f.due:%d/%m/%Y}{flag} – {state}")


def _findings(actor: Person, o: dict[str, Any]) -> str:
    rows = s.findings_visible_to(actor)
    if not o["all"]:
        rows = rows.filter(status=FindingStatus.OPEN)
    if o["overdue"]:
        rows = rows.filter(status=FindingStatus.OPEN, due__lt=clock.today())
    return "\n".join(_finding_line(f) for f in rows) or "Không có tồn tại nào."


def _close(actor: Person, o: dict[str, Any]) -> str:
    finding = services.finding_close(actor=actor, finding=s.finding_get_for_user(actor, o["id"]),
                                     **_valid(FindingCloseForm({"result_note": o["result_note"]})))
    return f"Đã xác nhận khắc phục xong tồn tại số {finding.pk} ngày {finding.closed_on:%d/%m/%Y}."


HANDLERS = {"checklist": _checklist, "list": _list, "open": _open, "show": _show, "answer": _answer,
            "finding": _finding, "conclude": _conclude, "findings": _findings, "close": _close}


def parser_help() -> str:
    return "Tự kiểm tra công tác bảo vệ BMNN (P2): " + ", ".join(ACTIONS) + "."


"""Forms and dossiers built from the records, as AdminDocuments or labels for bmnn.documents to render.

Each builder takes the carrier (already fetched through the visibility funnel) and returns a list of
documents or labels; FORMS says which forms a record offers. The abstract is never printed for
TUYET_MAT (R18); every secrecy mark is red (R43).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.documents.administrative import AdminDocument, Heading, Paragraph, Signatures, Signer, Table
from bmnn.documents.labels import CopyMark, EnvelopeLabel
from bmnn.legal.periods import envelope_letter
from bmnn.lifecycle.models import CopyJob, Council, CouncilPurpose, LevelChange, Notice, RecipientKind
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import CarrierKind, Direction

from .selectors import COPY_FORM_LABEL, LEVEL_LABEL, type_abstract

Built = list[Any]


def _d(moment: Any) -> str:
    if isinstance(moment, dt.datetime):
        moment = timezone.localdate(moment)
    return f"{moment:%d/%m/%Y}" if moment else "................"


def place_of(agency: Organisation) -> str:
    """The place name of the date line: the province at the top of the tree ("Tỉnh Quảng Ninh" -> "Quảng Ninh")."""
    root = agency
    while root.parent is not None:
        root = root.parent
    name = root.name
    for prefix in ("Ủy ban nhân dân tỉnh ", "UBND tỉnh ", "Tỉnh ", "tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _base(carrier: Any, **fields: Any) -> AdminDocument:
    agency = carrier.agency
    values: dict[str, Any] = dict(
        agency=agency.name,
        superior=agency.parent.name if agency.parent_id else "",
        place=place_of(agency),
        date=clock.today(),
        number="",
        secrecy=carrier.level,
    )
    values.update(fields)
    return AdminDocument(**values)


def _head_of(agency: Organisation) -> Person | None:
    return Person.objects.filter(organisation=agency, position="HEAD", is_active=True).first()


def _title_of(person: Person | None, fallback: str = "Thủ trưởng cơ quan") -> str:
    return (person.title or person.get_position_display()) if person else fallback


def _initials(person: Person | None) -> str:
    words = (person.get_full_name() if person else "").split()
    return "".join(w[0].upper() for w in words) if words else ""


def issue_block(carrier: Any) -> dict[str, Any]:
    """The "nơi nhận" block and signature of a document the agency issues (R4): the recipients, then the drafter,
    the number of copies issued and whether copying is permitted; the signer recorded at registration (R47)."""
    recipients = [r.strip() for r in (carrier.recipients or "").replace("\n", ";").split(";") if r.strip()]
    drafter = carrier.drafter
    copying = "Được phép sao, chụp" if carrier.copy_permitted else "Không được sao, chụp"
    line = (
        f"{_initials(drafter)}({carrier.copies_issued}b) – Người soạn thảo: {drafter or '...'}; "
        f"số bản phát hành: {carrier.copies_issued}; {copying}."
    )
    signer = carrier.signer or carrier.decision_maker
    return dict(recipients=recipients, drafter_line=line, signer_title=_title_of(signer), signer_name=str(signer or ""))


def issue_sheet(carrier: Any, actor: Person, **_options: Any) -> Built:
    """The issue sheet of an outgoing secret: its number, level, signer and "nơi nhận" block (R4, R47)."""
    ta = type_abstract(carrier)[0]
    rows = [
        ["Số, ký hiệu", carrier.doc_number],
        ["Ngày văn bản", _d(carrier.doc_date)],
        ["Tên loại, trích yếu", ta],
        ["Độ mật", LEVEL_LABEL.get(carrier.level, carrier.level)],
        ["Người quyết định độ mật", str(carrier.decision_maker or "")],
        ["Người ký ban hành", str(carrier.signer or carrier.decision_maker or "")],
        ["Số lượng bản phát hành", str(carrier.copies_issued)],
    ]
    return [
        _base(
            carrier,
            kind="Phiếu ban hành",
            title=ta or carrier.doc_type,
            number=carrier.doc_number,
            date=carrier.doc_date or clock.today(),
            urgency=None,
            body=[Table(["Nội dung", "Thông tin"], rows, widths=[1, 2.2])],
            **issue_block(carrier),
        )
    ]


def _item_rows(carrier: Any) -> list[list[str]]:
    ta = type_abstract(carrier)[0]
    return [
        ["Tên loại, trích yếu", ta],
        ["Số, ký hiệu; ngày", f"{carrier.doc_number} {_d(carrier.doc_date)}"],
        ["Độ mật", LEVEL_LABEL.get(carrier.level, carrier.level)],
    ]


def _latest_request(carrier: Any, operations: list[str]) -> Request | None:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(type(carrier))
    return (
        Request.objects.filter(subject_type=ct, subject_id=carrier.pk, operation__in=operations)
        .select_related("requester", "decided_by")
        .order_by("-created_at")
        .first()
    )


def takeout_request_form(carrier: Any, actor: Person, **_options: Any) -> Built:
    """Request to take a secret out of its storage place (R32; Decree 26/2020 Art. 5.2)."""
    req = _latest_request(carrier, [Operation.TAKEOUT, Operation.TAKEOUT_ABROAD])
    p = req.payload if req else {}
    requester = req.requester if req else actor
    abstract = type_abstract(carrier)[1]
    rows = [
        ["Họ và tên", p.get("name", requester.get_full_name())],
        ["Chức vụ", p.get("position", requester.title or requester.get_position_display())],
        ["Đơn vị", p.get("unit", str(requester.organisation or ""))],
        ["Tên loại tài liệu, vật chứa BMNN", carrier.doc_type],
        ["Trích yếu", abstract],  # R18: blank for TM
        ["Độ mật", LEVEL_LABEL.get(carrier.level, "")],
        ["Mục đích", p.get("purpose", "")],
        ["Thời gian", f"từ ngày {_iso(p.get('start'))} đến ngày {_iso(p.get('due'))}"],
        ["Địa điểm", p.get("place", "")],
        ["Biện pháp bảo vệ", p.get("measures", "")],
        ["Mang ra nước ngoài", "Có" if p.get("abroad") else "Không"],
    ]
    head = req.decided_by if req and req.decided_by else _head_of(carrier.agency)
    return [
        _base(
            carrier,
            kind="Văn bản đề nghị",
            title=_("Taking state secrets out of their place of keeping"),
            date=timezone.localdate(req.created_at) if req else clock.today(),
            kinh_gui=[_title_of(head)],
            body=[
                Table(["Nội dung", "Thông tin"], rows, widths=[1, 2.2]),
                Paragraph(
                    "Tôi cam kết bảo vệ bí mật nhà nước mang ra theo đúng quy định và báo cáo kết quả "
                    "khi đưa trở lại nơi lưu giữ."
                ),
                Signatures(
                    [
                        Signer("Ý kiến của người có thẩm quyền", str(req.decided_by or "") if req else ""),
                        Signer("Người đề nghị", str(requester)),
                    ]
                ),
            ],
        )
    ]


def _iso(value: Any) -> str:
    try:
        return _d(dt.date.fromisoformat(str(value)))
    except ValueError:
        return "................"


PROVISION_FIELDS: dict[str, list[tuple[str, str]]] = {
    RecipientKind.ORGANISATION: [("Tên cơ quan, tổ chức", "recipient_name"), ("Người đại diện", "representative")],
    RecipientKind.PERSON: [
        ("Họ và tên", "recipient_name"),
        ("Số định danh cá nhân, hộ chiếu", "id_number"),
        ("Địa chỉ liên hệ", "address"),
        ("Chức vụ", "position"),
    ],
    RecipientKind.FOREIGN: [
        ("Tên cơ quan, tổ chức, cá nhân nước ngoài", "recipient_name"),
        ("Quốc tịch", "nationality"),
        ("Số hộ chiếu", "passport"),
        ("Cơ quan Việt Nam chủ trì", "host_agency"),
    ],
}


def provision_request_form(carrier: Any, actor: Person, *, party: str = "", **_options: Any) -> Built:
    """Request to provide or transfer a secret: organisation, individual or foreign party (R33, R34; Form 17)."""
    req = _latest_request(carrier, [Operation.PROVIDE, Operation.PROVIDE_FOREIGN])
    p = req.payload if req else {}
    party = party if party in RecipientKind.values else p.get("recipient_kind", RecipientKind.ORGANISATION)
    rows = [[label, str(p.get(key, ""))] for label, key in PROVISION_FIELDS[party]]
    ta = type_abstract(carrier)[0]
    rows += [
        ["Bí mật nhà nước đề nghị cung cấp, chuyển giao", f"{ta} ({LEVEL_LABEL.get(carrier.level)})"],
        ["Mục đích sử dụng", p.get("purpose", "")],
        ["Hình thức", "Chuyển giao" if p.get("transfer") else "Cung cấp"],
    ]
    commitment = p.get("commitment") or "Cam kết bảo vệ bí mật nhà nước được cung cấp, chuyển giao theo quy định."
    body: list[Any] = [
        Paragraph(f"Bên đề nghị: {RecipientKind(party).label}.", indent=False),
        Table(["Nội dung", "Thông tin"], rows, widths=[1, 2.2]),
        Heading("Cam kết"),
        Paragraph(commitment),
    ]
    if party == RecipientKind.FOREIGN:  # R34: no transfer to a third party
        body.append(Paragraph("Cam kết không cung cấp, chuyển giao cho bên thứ ba."))
    return [
        _base(
            carrier,
            kind="Văn bản đề nghị",
            title=_("Providing and handing over state secrets"),
            kinh_gui=[_title_of(_head_of(carrier.agency))],
            body=body,
            signer_title="Người đề nghị",
            signer_name=str(p.get("representative") or p.get("recipient_name") or ""),
        )
    ]


def determination_form(carrier: Any, actor: Person, **_options: Any) -> Built:
    """Form 01: written determination of the level of an object, place, activity or speech (R4)."""
    items = "; ".join(
        f"khoản {i.number} ({LEVEL_LABEL.get(i.level, '')}), {i.secret_list.decision_number}"
        for i in carrier.items.select_related("secret_list")
    )
    kind = CarrierKind(carrier.kind).label
    rows = [
        ["Loại", kind],
        ["Tên vật, địa điểm, hoạt động", carrier.doc_type],
        ["Căn cứ danh mục BMNN", items],
        ["Độ mật", LEVEL_LABEL.get(carrier.level, "")],
        ["Phạm vi lưu hành", carrier.circulation_scope],
        ["Thời hạn bảo vệ đến", _d(carrier.protection_until)],
        ["Người đề xuất", str(carrier.drafter or "")],
        ["Nơi lưu giữ", carrier.storage_place],
    ]
    block = issue_block(carrier)
    block["recipients"] = block["recipients"] or ["Người quản lý", "Lưu: VT"]
    return [
        _base(
            carrier,
            kind="Văn bản xác định độ mật",
            title=_("For the {kind}: {doc_type}").format(kind=kind.lower(), doc_type=carrier.doc_type),
            date=carrier.determination_date or clock.today(),
            body=[Table(["Nội dung", "Thông tin"], rows, widths=[1, 2.2])],
            signer_authority="",
            **block,
        )
    ]


def notices_form(carrier: Any, actor: Person, **_options: Any) -> Built:
    """Extension, re-grading and declassification notices, one to every recorded recipient (R7, R9, R10, R11)."""
    head = _head_of(carrier.agency)
    docs = []
    for n in Notice.objects.filter(carrier=carrier.root).order_by("created_at", "pk"):
        level = carrier.root.level if n.kind != "DECLASSIFY" else None
        docs.append(
            _base(
                carrier,
                title=n.get_kind_display(),
                kinh_gui=[n.recipient],
                secrecy=level,
                date=timezone.localdate(n.created_at),
                body=[
                    Paragraph(n.content),
                    Paragraph("Đề nghị quý cơ quan, đơn vị cập nhật dấu, ký hiệu trên bản đang lưu giữ./."),
                ],
                recipients=["Như trên", "Lưu: VT"],
                signer_title=_title_of(head),
                signer_name=str(head or ""),
            )
        )
    return docs


def _council(carrier: Any, purpose: str) -> Council | None:
    return (
        Council.objects.filter(purpose=purpose, carriers=carrier.root)
        .select_related("chair", "decided_by")
        .prefetch_related("members", "entries__carrier")
        .order_by("-setup_date")
        .first()
    )


def _council_people(council: Council) -> list[Person]:
    members = [council.chair, *[m for m in council.members.all() if m.pk != council.chair_id]]
    return members


def _dossier(carrier: Any, council: Council, noun: str) -> list[AdminDocument]:
    head = council.decided_by or _head_of(council.agency)
    people = _council_people(council)
    items = list(council.carriers.all().order_by("reg_year", "reg_number"))
    item_rows = [
        [
            str(i),
            c.doc_number or c.register_label,
            str(c.copy_number or ""),
            type_abstract(c)[0],
            LEVEL_LABEL.get(c.level, ""),
        ]
        for i, c in enumerate(items, 1)
    ]
    item_table = Table(
        ["STT", "Số, ký hiệu", "Bản sao số", "Tên loại, trích yếu", "Độ mật"],
        item_rows,
        widths=[0.5, 1.4, 0.8, 3, 0.9],
        red_columns=(4,),
    )
    member_rows = [
        [str(i), str(p), p.title or p.get_position_display(), "Chủ tịch" if i == 1 else "Thành viên"]
        for i, p in enumerate(people, 1)
    ]
    top = max(
        (c.level for c in items),
        key=lambda lv: [Level.MAT, Level.TOI_MAT, Level.TUYET_MAT].index(Level(lv)),
        default=carrier.level,
    )
    common = dict(secrecy=top)
    setup = _base(
        carrier,
        kind="Quyết định",
        title=_("On establishing the council for {action}").format(action=noun),
        number=council.setup_decision_ref,
        date=council.setup_date,
        **common,
        body=[
            Paragraph(f"Điều 1. Thành lập Hội đồng {noun} bí mật nhà nước gồm các thành viên sau:"),
            Table(["STT", "Họ và tên", "Chức vụ", "Nhiệm vụ"], member_rows, widths=[0.5, 2, 2, 1.2]),
            Paragraph(
                f"Điều 2. Hội đồng có nhiệm vụ xem xét, đề xuất {noun} các bí mật nhà nước tại danh sách kèm theo."
            ),
            Paragraph("Điều 3. Các thành viên Hội đồng chịu trách nhiệm thi hành Quyết định này./."),
        ],
        recipients=["Như Điều 3", "Lưu: VT"],
        signer_title=_title_of(head),
        signer_name=str(head or ""),
    )
    listing = _base(
        carrier,
        kind="Danh sách",
        title=_("State secrets proposed for {action}").format(action=noun),
        number=None,
        **common,
        date=council.setup_date,
        body=[item_table],
        signer_title="Chủ tịch Hội đồng",
        signer_name=str(council.chair),
    )
    minutes = _base(
        carrier,
        kind="Biên bản",
        title=_("Meeting of the council for {action}").format(action=noun),
        number=None,
        **common,
        date=timezone.localdate(council.minutes_at) if council.minutes_at else None,
        body=[
            Paragraph(council.minutes or "(Chưa có biên bản họp.)"),
            item_table,
            Signatures(
                [Signer(("Chủ tịch Hội đồng" if i == 0 else "Thành viên"), str(p)) for i, p in enumerate(people)]
            ),
        ],
    )
    decision = _base(
        carrier,
        kind="Quyết định",
        title=_("On the {action} of state secrets").format(action=noun),
        number=council.decision_ref,
        **common,
        date=timezone.localdate(council.decided_at) if council.decided_at else None,
        body=[
            Paragraph(f"Điều 1. {noun.capitalize()} các bí mật nhà nước tại danh sách kèm theo."),
            item_table,
            Paragraph("Điều 2. Hội đồng và các đơn vị liên quan thi hành Quyết định này./."),
        ],
        recipients=["Như Điều 2", "Lưu: VT"],
        signer_title=_title_of(council.decided_by or head),
        signer_name=str(council.decided_by or head or ""),
    )
    return [setup, listing, minutes, decision]


def destruction_dossier(carrier: Any, actor: Person, **_options: Any) -> Built:
    """Council decision, list, minutes, decision, destruction record signed by every member (R36)."""
    council = _council(carrier, CouncilPurpose.DESTROY)
    if council is None:
        return []
    docs = _dossier(carrier, council, "tiêu hủy")
    entries = list(council.entries.select_related("carrier").prefetch_related("files").order_by("sequence"))
    rows = [
        [
            str(e.sequence),
            e.carrier.doc_number or e.carrier.register_label,
            str(e.carrier.copy_number or ""),
            type_abstract(e.carrier)[1],
            LEVEL_LABEL.get(e.carrier.level, ""),
            e.method,
            e.executors,
        ]
        for e in entries
    ]  # R18: the abstract column stays blank for TUYET_MAT
    people = _council_people(council)
    docs.append(
        _base(
            carrier,
            kind="Biên bản",
            title=_("Destruction of documents and objects containing state secrets"),
            number=None,
            secrecy=docs[0].secrecy,
            date=timezone.localdate(entries[-1].destroyed_at) if entries else None,
            body=[
                Table(
                    ["Thứ tự", "Số, ký hiệu", "Bản sao số", "Trích yếu", "Độ mật", "Phương pháp", "Người thực hiện"],
                    rows,
                    widths=[0.6, 1.5, 0.7, 1.8, 0.8, 1.2, 1.4],
                    red_columns=(4,),
                ),
                *_electronic_items(entries),
                Paragraph("Các thành viên Hội đồng đã chứng kiến việc tiêu hủy và cùng ký biên bản."),
                Signatures(
                    [Signer("Chủ tịch Hội đồng" if i == 0 else "Thành viên", str(p)) for i, p in enumerate(people)]
                ),
            ],
        )
    )
    return docs


def _electronic_items(entries: list[Any]) -> list[Any]:
    """R36: each electronic item of the record (a file of the original, a digitised or a downloaded copy), where it
    was kept and when it was crypto-erased; nothing when the record lists none."""
    rows = [
        [
            str(e.sequence),
            e.carrier.doc_number or e.carrier.register_label,
            str(e.carrier.copy_number or "Bản gốc"),
            "Điện tử",
            "Không ghi" if e.carrier.level == Level.TUYET_MAT else (f.name or "—"),  # a file name tells the content
            f.location,
            (
                f"Đã hủy khóa dữ liệu, xóa bản mã lúc {timezone.localtime(f.erased_at):%H:%M %d/%m/%Y}"
                if f.erased_at
                else ("Xóa khi mọi thành viên đã xác nhận" if f.reference else "Hủy theo phương pháp đã ghi")
            ),
        ]
        for e in entries
        for f in e.files.all()
    ]
    if not rows:
        return []
    return [
        Paragraph("Tài liệu, bản sao điện tử được xóa không khôi phục:"),
        Table(
            ["Thứ tự", "Số, ký hiệu", "Bản sao số", "Hình thức", "Tệp", "Nơi lưu giữ", "Xóa không khôi phục"],
            rows,
            widths=[0.6, 1.3, 0.7, 0.7, 1.4, 1.6, 1.7],
        ),
    ]


def declassification_dossier(carrier: Any, actor: Person, **_options: Any) -> Built:
    """Council decision, the secret proposed, minutes, decision with the declassified content (R11)."""
    council = _council(carrier, CouncilPurpose.DECLASSIFY)
    if council is None:
        return []
    docs = _dossier(carrier, council, "giải mật")
    change = LevelChange.objects.filter(carrier=carrier.root, kind=LevelChange.Kind.COUNCIL).first()
    if change is not None and change.partial:
        docs[-1].body.insert(1, Paragraph(f"Nội dung được giải mật: {change.declassified_content}"))
    return docs


def copy_marks(carrier: Any, actor: Person, **_options: Any) -> Built:
    """ "Bản sao số n" and the "BẢN SAO BMNN" block for every copy made (R16)."""
    root = carrier.root
    marks = []
    for job in CopyJob.objects.filter(original=root).order_by("made_at"):
        for copy in root.copies.filter(created_at=job.made_at).order_by("copy_number"):
            marks.append(
                CopyMark(
                    copy.copy_number,
                    COPY_FORM_LABEL.get(job.form, job.form),
                    f"{timezone.localtime(job.made_at):%H:%M} ngày {_d(job.made_at)}",
                    job.made_count,
                    job.recipients,
                    job.approver_repr,
                    root.agency.name,
                    level=root.level,
                )
            )
    return marks


def envelope_labels(carrier: Any, actor: Person, **_options: Any) -> Built:
    """R22: TUYET_MAT two envelopes (inner with the stamp, outer "A"); otherwise one with "B" or "C"."""
    handover = carrier.handovers.select_related("to_person", "to_unit").order_by("-handed_at").first()
    named = bool((handover and handover.named_only) or carrier.named_recipient_id)
    parts = (carrier.recipients or "").replace("\n", ";").split(";")
    lines = [p.strip(" -.") for p in parts if p.strip(" -.") and not p.strip(" -").startswith("Lưu")]
    if carrier.named_recipient_id:
        recipient = str(carrier.named_recipient)
    elif handover is not None:
        recipient = handover.recipient_label
    else:
        recipient = lines[0] if lines else "................"
    sender = carrier.agency.name
    number = carrier.doc_number
    letter = envelope_letter(carrier.level, clock.today())  # R22: the letter in force when the envelope is made
    if carrier.level == Level.TUYET_MAT:
        return [
            EnvelopeLabel(
                "Bì trong",
                sender,
                recipient,
                number,
                secrecy=carrier.level,
                named_only=named,
                seal_note="Niêm phong: đóng dấu của cơ quan trên các mép dán bì.",
            ),
            EnvelopeLabel("Bì ngoài", sender, recipient, number, letter=letter),
        ]
    return [EnvelopeLabel("Bì", sender, recipient, number, letter=letter, named_only=named)]


def commitment_form(person: Person, **_options: Any) -> AdminDocument:
    """The staff commitment to protect state secrets (P4, R39)."""
    agency = person.agency() or person.organisation
    head = _head_of(agency) if agency else None
    rows = [
        ["Họ và tên", person.get_full_name()],
        ["Chức vụ", person.title or person.get_position_display()],
        ["Đơn vị", str(person.organisation or "")],
        [
            "Văn bản phân công",
            f"{person.designation_ref} ngày {_d(person.designation_date)}" if person.designation_ref else "",
        ],
    ]
    promises = [
        "Chấp hành nghiêm các quy định của Luật Bảo vệ bí mật nhà nước và các văn bản hướng dẫn thi hành.",
        "Không làm lộ, mất, chiếm đoạt, mua bán, sao, chụp, tiêu hủy trái phép bí mật nhà nước.",
        "Không soạn thảo, lưu giữ bí mật nhà nước trên thiết bị kết nối Internet.",
        "Khi không còn làm nhiệm vụ liên quan, bàn giao đầy đủ tài liệu, vật chứa bí mật nhà nước và tiếp tục giữ bí "
        "mật những nội dung đã biết.",
        "Nếu vi phạm, tôi xin chịu trách nhiệm trước pháp luật.",
    ]
    return AdminDocument(
        agency=agency.name if agency else "",
        superior=agency.parent.name if agency and agency.parent is not None else "",
        place=place_of(agency) if agency else "",
        date=clock.today(),
        number=None,
        kind="Bản cam kết",
        title=_("Protection of state secrets"),
        body=[
            Table(["Nội dung", "Thông tin"], rows, widths=[1, 2.2]),
            Heading("Tôi xin cam kết:"),
            *[Paragraph(f"{i}. {text}") for i, text in enumerate(promises, 1)],
            Signatures(
                [Signer("Thủ trưởng cơ quan, đơn vị", str(head or "")), Signer("Người cam kết", person.get_full_name())]
            ),
        ],
    )


@dataclass
class FormSpec:
    slug: str
    title: str
    build: Callable[..., Built]
    available: Callable[[Any], bool]
    labels: bool = False


def _has_council(purpose: str) -> Callable[[Any], bool]:
    return lambda c: Council.objects.filter(purpose=purpose, carriers=c.root).exists()


FORMS: dict[str, FormSpec] = {
    spec.slug: spec
    for spec in [
        FormSpec(
            "phieu-ban-hanh",
            "Phiếu ban hành: người ký và khối nơi nhận (nơi nhận, số bản, người soạn thảo, được sao hay không)",
            issue_sheet,
            lambda c: c.direction == Direction.OUTGOING and c.original_id is None,
        ),
        FormSpec(
            "de-nghi-mang-ra", "Văn bản đề nghị mang BMNN ra khỏi nơi lưu giữ", takeout_request_form, lambda c: True
        ),
        FormSpec(
            "de-nghi-cung-cap", "Văn bản đề nghị cung cấp, chuyển giao BMNN", provision_request_form, lambda c: True
        ),
        FormSpec(
            "xac-dinh-do-mat",
            "Văn bản xác định độ mật (Mẫu 01: vật, địa điểm, hoạt động, lời nói)",
            determination_form,
            lambda c: c.kind != CarrierKind.DOCUMENT,
        ),
        FormSpec(
            "thong-bao",
            "Thông báo gia hạn, điều chỉnh độ mật, giải mật (mỗi nơi nhận một bản)",
            notices_form,
            lambda c: Notice.objects.filter(carrier=c.root).exists(),
        ),
        FormSpec(
            "ho-so-tieu-huy",
            "Hồ sơ tiêu hủy (quyết định, danh sách, biên bản, quyết định, biên bản tiêu hủy)",
            destruction_dossier,
            _has_council(CouncilPurpose.DESTROY),
        ),
        FormSpec(
            "ho-so-giai-mat",
            "Hồ sơ giải mật (quyết định, danh sách, biên bản, quyết định)",
            declassification_dossier,
            _has_council(CouncilPurpose.DECLASSIFY),
        ),
        FormSpec(
            "dau-ban-sao",
            "Dấu bản sao cho từng bản (\u201cBản sao số\u201d, \u201cBản sao BMNN\u201d)",
            copy_marks,
            lambda c: CopyJob.objects.filter(original=c.root).exists(),
            labels=True,
        ),
        FormSpec("nhan-bi", "Nhãn bì thư (bì trong, bì ngoài; A, B, C)", envelope_labels, lambda c: True, labels=True),
    ]
}


def forms_for(carrier: Any) -> list[FormSpec]:
    """The forms this record offers, in a fixed order."""
    return [spec for spec in FORMS.values() if spec.available(carrier)]

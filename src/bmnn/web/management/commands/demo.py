"""`bmnn demo`: load a demo province so every screen shows something real.

Everything after the organisation tree and the accounts is created through the services,
at dates spread over 2025 and 2026, so the registers, numbers and the audit chain are real.
Idempotent: a second run sees the demo department and does nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.core.roles import Operation, OrgKind, Position
from bmnn.lifecycle import demo as lifecycle_demo
from bmnn.org.access import TOTP_DEVICE_NAME, requires_two_factor
from bmnn.org.models import Organisation, Person, SigningAuthority
from bmnn.org.services import delegation_grant
from bmnn.registry.choices import Urgency
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from bmnn.reports import demo as reports_demo
from bmnn.safeguards import demo as safeguards_demo
from bmnn.web.roles_table import DemoMissing, operations_table

PASSWORD = "Demo@BMNN-2026"  # one shared demo password that the password policy accepts
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEPARTMENT = "Sở Giáo dục và Đào tạo"

# key: (name, kind, parent key, symbol, keeps_register)
ORGANISATIONS = [
    ("province", "UBND tỉnh Hòa Bình Xanh", OrgKind.PROVINCE, None, "UBND", True),
    ("police", "Công an tỉnh Hòa Bình Xanh", OrgKind.POLICE, "province", "CAT", True),
    ("dept", DEPARTMENT, OrgKind.DEPARTMENT, "province", "SGDĐT", True),
    ("office", "Văn phòng Sở", OrgKind.DIVISION, "dept", "VP", False),
    ("personnel", "Phòng Tổ chức cán bộ", OrgKind.DIVISION, "dept", "TCCB", False),
    ("exams", "Phòng Khảo thí và Quản lý chất lượng giáo dục", OrgKind.DIVISION, "dept", "KT", False),
    ("inspect", "Thanh tra Sở", OrgKind.DIVISION, "dept", "TTr", False),
    ("secondary", "Phòng Giáo dục Trung học", OrgKind.DIVISION, "dept", "GDTrH", False),
    ("bx", "Phòng Giáo dục và Đào tạo huyện Bình Xuyên", OrgKind.DISTRICT_OFFICE, "dept", "PGDĐT-BX", True),
    ("ds", "Phòng Giáo dục và Đào tạo huyện Đông Sơn", OrgKind.DISTRICT_OFFICE, "dept", "PGDĐT-ĐS", True),
    ("lqd", "Trường THPT Chuyên Lê Quý Đôn", OrgKind.SCHOOL, "dept", "THPTC-LQĐ", True),
    ("nt", "Trường THPT Nguyễn Trãi", OrgKind.SCHOOL, "dept", "THPT-NT", True),
    ("thcs", "Trường THCS Thị trấn Bình Xuyên", OrgKind.SCHOOL, "bx", "THCS-TTBX", True),
]

# username: (family and middle name, given name, unit, position, title, clearance, designated)
PEOPLE = {
    # R38: the director receives named envelopes in person, so is designated.
    "giamdoc": ("Nguyễn Văn", "Hùng", "dept", Position.HEAD, "Giám đốc Sở", Level.TOI_MAT, True),
    "phogiamdoc": ("Trần Thị", "Mai", "dept", Position.DEPUTY_HEAD, "Phó Giám đốc Sở", Level.TOI_MAT, False),
    "phogiamdoc2": ("Lê Quang", "Minh", "dept", Position.DEPUTY_HEAD, "Phó Giám đốc Sở", Level.MAT, False),
    "vanthu": ("Phạm Thị", "Lan", "office", Position.CLERK, "Văn thư Sở", Level.TUYET_MAT, True),
    "truongkhaothi": (
        "Hoàng Văn",
        "Đức",
        "exams",
        Position.DIVISION_HEAD,
        "Trưởng phòng Khảo thí",
        Level.TOI_MAT,
        True,
    ),
    "chuyenvienkhaothi": ("Đỗ Thu", "Hà", "exams", Position.STAFF, "Chuyên viên Phòng Khảo thí", Level.TOI_MAT, True),
    "canbomat": ("Vũ Minh", "Khoa", "secondary", Position.STAFF, "Chuyên viên Phòng GDTrH", Level.MAT, True),
    "chuyenvien": ("Bùi Văn", "Nam", "personnel", Position.STAFF, "Chuyên viên Phòng TCCB", "", False),
    "truongphongtccb": ("Ngô Thị", "Thu", "personnel", Position.DIVISION_HEAD, "Trưởng phòng TCCB", Level.MAT, True),
    "thanhtra": ("Đặng Văn", "Tâm", "inspect", Position.DIVISION_HEAD, "Chánh Thanh tra Sở", Level.TOI_MAT, True),
    "truongphong": ("Lý Văn", "Bình", "bx", Position.HEAD, "Trưởng phòng GDĐT huyện Bình Xuyên", Level.TOI_MAT, False),
    "vanthuphong": ("Mai Thị", "Hoa", "bx", Position.CLERK, "Văn thư Phòng GDĐT Bình Xuyên", Level.TOI_MAT, True),
    "hieutruong": ("Trịnh Văn", "Quang", "lqd", Position.HEAD, "Hiệu trưởng", Level.TOI_MAT, False),
    "vanthutruong": ("Cao Thị", "Nga", "lqd", Position.CLERK, "Văn thư trường", Level.TOI_MAT, True),
    "canbocongan": (
        "Phan Văn",
        "Long",
        "police",
        Position.STAFF,
        "Cán bộ Phòng An ninh chính trị nội bộ",
        Level.TOI_MAT,
        True,
    ),
    "chutich": ("Võ Văn", "Thành", "province", Position.HEAD, "Chủ tịch UBND tỉnh", Level.TUYET_MAT, False),
}

SENDERS = [
    "Bộ Giáo dục và Đào tạo",
    "UBND tỉnh Hòa Bình Xanh",
    "Công an tỉnh Hòa Bình Xanh",
    "Cục Quản lý chất lượng, Bộ GDĐT",
]

# (month offset from Jan 2025, day, item key, type, symbol, abstract)
OUTGOING = [
    (2, 10, "logistics", "Kế hoạch", "KH-SGDĐT", "Phương án vận chuyển, bảo quản đề thi tốt nghiệp THPT năm 2025"),
    (3, 4, "exam", "Đề thi", "ĐT-SGDĐT", "Đề thi chọn học sinh giỏi cấp tỉnh lớp 12 môn Toán (đề chính thức)"),
    (3, 4, "exam", "Đáp án", "ĐA-SGDĐT", "Đáp án, hướng dẫn chấm đề thi chọn học sinh giỏi lớp 12 môn Toán"),
    (3, 20, "logistics", "Quyết định", "QĐ-SGDĐT", "Thành lập Hội đồng ra đề thi tuyển sinh lớp 10 năm học 2025–2026"),
    (4, 2, "ideology", "Báo cáo", "BC-SGDĐT", "Báo cáo tình hình tư tưởng đội ngũ nhà giáo quý I năm 2025"),
    (4, 15, "logistics", "Kế hoạch", "KH-SGDĐT", "Kế hoạch in sao đề thi tuyển sinh lớp 10 năm học 2025–2026"),
    (5, 6, "exam", "Đề thi", "ĐT-SGDĐT", "Đề thi tuyển sinh lớp 10 môn Ngữ văn (đề chính thức và dự bị)"),
    (6, 12, "logistics", "Danh sách", "DS-SGDĐT", "Danh sách thành viên Hội đồng in sao đề thi năm 2025"),
    (8, 28, "ideology", "Báo cáo", "BC-SGDĐT", "Báo cáo đánh giá tư tưởng học sinh sau sự việc tại trường THPT X"),
    (10, 3, "logistics", "Phương án", "PA-SGDĐT", "Phương án bảo vệ đề thi chọn học sinh giỏi quốc gia năm 2026"),
    (12, 8, "logistics", "Kế hoạch", "KH-SGDĐT", "Kế hoạch tổ chức kỳ thi tốt nghiệp THPT năm 2026"),
    (12, 20, "exam", "Đề thi", "ĐT-SGDĐT", "Đề thi chọn đội tuyển dự thi học sinh giỏi quốc gia môn Hóa học"),
    (13, 9, "ideology", "Báo cáo", "BC-SGDĐT", "Báo cáo tình hình tư tưởng cán bộ quản lý giáo dục năm 2025"),
    (14, 2, "logistics", "Quyết định", "QĐ-SGDĐT", "Thành lập Ban vận chuyển và bàn giao đề thi năm 2026"),
    (15, 16, "exam", "Đề thi", "ĐT-SGDĐT", "Đề thi tuyển sinh lớp 10 chuyên môn Toán năm học 2026–2027"),
    (16, 5, "logistics", "Kế hoạch", "KH-SGDĐT", "Kế hoạch in sao đề thi tuyển sinh lớp 10 năm học 2026–2027"),
    (17, 11, "exam", "Đáp án", "ĐA-SGDĐT", "Đáp án đề thi tuyển sinh lớp 10 chuyên môn Toán"),
    (18, 22, "logistics", "Danh sách", "DS-SGDĐT", "Danh sách cán bộ coi thi, bảo vệ đề thi tại các điểm thi"),
    (19, 7, "ideology", "Báo cáo", "BC-SGDĐT", "Báo cáo tư tưởng đội ngũ nhà giáo 6 tháng đầu năm 2026"),
    (20, 14, "logistics", "Phương án", "PA-SGDĐT", "Phương án lưu trữ bài thi và đề thi dự bị năm 2026"),
    (21, 3, "exam", "Đề thi", "ĐT-SGDĐT", "Đề thi chọn học sinh giỏi cấp tỉnh lớp 9 môn Tiếng Anh"),
    (22, 10, "logistics", "Kế hoạch", "KH-SGDĐT", "Kế hoạch bảo vệ bí mật nhà nước trong kỳ thi năm 2027"),
]

# (month offset, day, level, sender index, number, type, abstract)
INCOMING = [
    (1, 14, Level.MAT, 0, "35/BGDĐT-QLCL", "Công văn", "Hướng dẫn bảo vệ đề thi tốt nghiệp THPT năm 2025"),
    (2, 3, Level.TOI_MAT, 0, "12/QĐ-BGDĐT", "Quyết định", "Phân công ra đề thi học sinh giỏi quốc gia năm 2025"),
    (2, 25, Level.TUYET_MAT, 1, "04/UBND-NC", "Công văn", ""),
    (3, 17, Level.MAT, 2, "118/CAT-PA03", "Công văn", "Thông báo tình hình an ninh tại các điểm thi"),
    (4, 21, Level.MAT, 3, "56/QLCL-TCT", "Công văn", "Hướng dẫn tiêu hủy đề thi dự bị kỳ thi tốt nghiệp THPT"),
    (5, 19, Level.TOI_MAT, 0, "201/BGDĐT-QLCL", "Công văn", "Kế hoạch vận chuyển đề thi quốc gia năm 2025"),
    (7, 8, Level.MAT, 1, "331/UBND-VX", "Công văn", "Chỉ đạo công tác bảo vệ bí mật nhà nước ngành giáo dục"),
    (9, 30, Level.TUYET_MAT, 2, "09/CAT-ANCT", "Văn bản", ""),
    (11, 12, Level.MAT, 0, "412/BGDĐT-GDTrH", "Công văn", "Danh sách học sinh dự thi chọn đội tuyển quốc gia"),
    (12, 15, Level.TOI_MAT, 3, "88/QLCL-TCT", "Công văn", "Lịch giao nhận đề thi học sinh giỏi quốc gia năm 2026"),
    (13, 20, Level.MAT, 1, "45/UBND-VX", "Công văn", "Triển khai Luật Bảo vệ bí mật nhà nước năm 2025"),
    (14, 11, Level.MAT, 2, "27/CAT-PA03", "Công văn", "Kiểm tra công tác bảo vệ bí mật nhà nước năm 2026"),
    (15, 2, Level.TOI_MAT, 0, "73/BGDĐT-QLCL", "Quyết định", "Cử cán bộ tham gia ra đề thi tốt nghiệp THPT năm 2026"),
    (16, 23, Level.MAT, 3, "102/QLCL-TCT", "Công văn", "Hướng dẫn in sao và bảo quản đề thi năm 2026"),
    (17, 9, Level.TUYET_MAT, 1, "11/UBND-NC", "Công văn", ""),
    (18, 18, Level.TOI_MAT, 0, "256/BGDĐT-QLCL", "Công văn", "Phương án dự phòng khi lộ đề thi tốt nghiệp THPT"),
    (19, 27, Level.MAT, 2, "160/CAT-PA03", "Công văn", "Rút kinh nghiệm công tác bảo vệ đề thi năm 2026"),
    (20, 6, Level.MAT, 0, "389/BGDĐT-GDTrH", "Công văn", "Tổng hợp tình hình tư tưởng học sinh, sinh viên"),
    (21, 13, Level.TOI_MAT, 3, "131/QLCL-TCT", "Công văn", "Phân công ra đề thi học sinh giỏi quốc gia năm 2027"),
    (22, 4, Level.MAT, 1, "512/UBND-VX", "Công văn", "Kế hoạch kiểm tra công tác bảo vệ BMNN năm 2026"),
]


def _at(month_offset: int, day: int, hour: int = 9) -> dt.datetime:
    year, month = 2025 + month_offset // 12, month_offset % 12 + 1
    return dt.datetime(year, month, day, hour, 0, tzinfo=TZ)


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: một tỉnh với Sở GDĐT, các phòng, trường, cán bộ và khoảng 50 BMNN."

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("accounts_table"):
            self.stdout.write(accounts_table())
            return
        if options.get("operations_table"):
            try:
                self.stdout.write(operations_table(), ending="")
            except DemoMissing as exc:
                raise CommandError(str(exc)) from None
            return
        if Organisation.objects.filter(name=DEPARTMENT).exists():
            self.stdout.write("Dữ liệu mẫu đã có, không nạp lại.")
        else:
            with transaction.atomic():
                orgs = self._organisations()
                people = self._people(orgs)
                self._delegation(people)
                self._signing_table(orgs, people)
                self._two_factor()
                self._registry(orgs, people)
                for config in apps.get_app_configs():  # apps above the registry add theirs (programme, reports...)
                    if hasattr(config, "load_demo"):
                        config.load_demo(orgs, people)
                lifecycle_demo.load(people)  # last: each workflow waiting for a person, once (R5, R7, R32, R37, R48)
                reports_demo.refresh(orgs, people)  # the drafts count those records too (R41, R42)
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self._print_logins()

    def _organisations(self) -> dict[str, Organisation]:
        orgs: dict[str, Organisation] = {}
        for key, name, kind, parent, symbol, keeps in ORGANISATIONS:
            orgs[key] = Organisation.objects.create(
                name=name,
                kind=kind,
                parent=orgs.get(parent or ""),
                symbol=symbol,
                keeps_register=keeps,
                short_name="Sở GDĐT" if key == "dept" else "",
            )
        return orgs

    def _people(self, orgs: dict[str, Organisation]) -> dict[str, Person]:
        people = {}
        for username, (last, first, unit, position, title, clearance, designated) in PEOPLE.items():
            people[username] = Person.objects.create_user(
                username=username,
                password=PASSWORD,
                last_name=last,
                first_name=first,
                organisation=orgs[unit],
                position=position,
                title=title,
                clearance=clearance,
                designated_for_secrets=designated,
                designation_ref="12/QĐ-SGDĐT" if designated else "",
                designation_date=dt.date(2025, 1, 6) if designated else None,
            )
        Person.objects.create_superuser(
            username="quantri", password=PASSWORD, first_name="Quản trị", last_name="Hệ thống", email=""
        )
        safeguards_demo.sign_commitments(people)  # P4: signed before anyone is given custody
        return people

    def _delegation(self, people: dict[str, Person]) -> None:
        with clock.frozen_at(_at(0, 2)):  # R13: the director's written delegation, audited
            delegation_grant(
                actor=people["giamdoc"],
                deputy=people["phogiamdoc"],
                document_ref="45/UQ-SGDĐT",
                scope="Xác định độ mật, cho phép sao, chụp tài liệu của Phòng Khảo thí",
                operations=[Operation.CLASSIFY, Operation.COPY],
                max_level=Level.TOI_MAT,
                valid_from=dt.date(2025, 1, 1),
                valid_until=dt.date(2026, 12, 31),
            )

    def _signing_table(self, orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
        """R47: each registering agency's signing-authority table, as its administrator keeps it."""
        for key, _name, _kind, _parent, _symbol, keeps in ORGANISATIONS:
            if keeps:
                SigningAuthority.objects.create(
                    agency=orgs[key],
                    position=Position.HEAD,
                    max_level=Level.TUYET_MAT,
                    valid_from=dt.date(2025, 1, 1),
                    basis="Quy chế bảo vệ BMNN",
                )
        SigningAuthority.objects.create(
            agency=orgs["dept"],
            position=Position.DEPUTY_HEAD,
            max_level=Level.TOI_MAT,
            valid_from=dt.date(2025, 1, 1),
            basis="Quy chế bảo vệ BMNN của Sở, Điều 8",
        )
        # A named person for a time: the head of the exams division signs Mật plans during the 2026 exams.
        SigningAuthority.objects.create(
            agency=orgs["dept"],
            person=people["truongkhaothi"],
            max_level=Level.MAT,
            valid_from=dt.date(2026, 4, 1),
            valid_until=dt.date(2026, 8, 31),
            basis="Quyết định 88/QĐ-SGDĐT ngày 25/3/2026",
        )

    def _registry(self, orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
        items = {
            "exam": SecretListItem.objects.get(
                secret_list__decision_number="531/QĐ-TTg", level=Level.TOI_MAT, number="1"
            ),
            "logistics": SecretListItem.objects.get(
                secret_list__decision_number="531/QĐ-TTg", level=Level.MAT, number="2"
            ),
            "ideology": SecretListItem.objects.get(
                secret_list__decision_number="531/QĐ-TTg", level=Level.MAT, number="1"
            ),
        }
        outgoing = [self._outgoing(people, items, i, row) for i, row in enumerate(OUTGOING)]
        incoming = [self._incoming(people, i, row) for i, row in enumerate(INCOMING)]
        self._handovers(people, outgoing, incoming)
        self._special_cases(people, items)

    def _outgoing(self, people: dict[str, Person], items: dict[str, SecretListItem], i: int, row: tuple) -> Any:
        month, day, item, doc_type, symbol, abstract = row
        decided_by = people["phogiamdoc"] if i % 4 == 1 else people["giamdoc"]
        drafter = people["truongkhaothi"] if item != "ideology" else people["thanhtra"]
        # R47: the deputy signs some Mật plans the director decided; the others are signed by who decided.
        signer = people["phogiamdoc"] if item == "logistics" and i % 4 == 3 else decided_by
        if (month, day) == (16, 5):  # in the exams period, under the named row of the table
            signer = people["truongkhaothi"]
        with clock.frozen_at(_at(month, day)):
            return outgoing_register(
                actor=people["vanthu"],
                item_ids=[items[item].pk],
                doc_type=doc_type,
                symbol=symbol,
                abstract=abstract,
                drafter=drafter,
                decision_maker=decided_by,
                signer=signer,
                recipients="Phòng Khảo thí và QLCLGD;\nCác trường THPT trực thuộc;\nLưu: VT, KT.",
                copies_issued=3 + i % 4,
                copy_permitted=i % 3 != 0,
                custodian=people["vanthu"],
                storage_place="Tủ sắt số 1, phòng văn thư Sở",
                circulation_scope="Trong Sở GDĐT",
                urgency=Urgency.KHAN if i % 5 == 0 else Urgency.NORMAL,
            )

    def _incoming(self, people: dict[str, Person], i: int, row: tuple) -> Any:
        month, day, level, sender, number, doc_type, abstract = row
        with clock.frozen_at(_at(month, day, 14)):
            return incoming_receive(
                actor=people["vanthu"],
                sender=SENDERS[sender],
                doc_number=number,
                level=level,
                doc_type=doc_type,
                abstract=abstract,
                doc_date=_at(month, max(day - 3, 1)).date(),
                storage_place="Tủ sắt số 2, phòng văn thư Sở",
                urgency=Urgency.HOA_TOC if level == Level.TUYET_MAT else Urgency.NORMAL,
            )

    def _handovers(self, people: dict[str, Person], outgoing: list, incoming: list) -> None:
        for n, carrier in enumerate(outgoing[:14] + incoming[:12]):
            if carrier.level == Level.TUYET_MAT:
                continue
            to = people["chuyenvienkhaothi"] if n % 3 else people["truongkhaothi"]
            if carrier.level == Level.MAT and n % 5 == 0:
                to = people["canbomat"]
            handed = carrier.created_at + dt.timedelta(days=1 + n % 4, hours=2)
            with clock.frozen_at(handed):
                handover = handover_create(actor=people["vanthu"], carrier=carrier, to_person=to, note="Giao để xử lý")
            if n % 4 != 3:  # a few stay in transit, awaiting the recipient's signature
                with clock.frozen_at(handed + dt.timedelta(hours=3)):
                    handover_confirm(actor=to, handover=handover)

    def _special_cases(self, people: dict[str, Person], items: dict[str, SecretListItem]) -> None:
        with clock.frozen_at(_at(22, 10, 8)):
            # R24: named-recipient envelopes routed unopened.
            incoming_receive(
                actor=people["vanthu"],
                sender="Bộ Giáo dục và Đào tạo",
                doc_number="Bì số 17/BGDĐT",
                level=Level.TOI_MAT,
                named_recipient=people["giamdoc"],
                urgency=Urgency.THUONG_KHAN,
            )
            incoming_receive(
                actor=people["vanthu"],
                sender="Công an tỉnh Hòa Bình Xanh",
                doc_number="Bì số 05/CAT",
                level=Level.MAT,
                named_recipient=people["truongkhaothi"],
            )
            # R25: a count mismatch held with an incident.
            incoming_receive(
                actor=people["vanthu"],
                sender="Cục Quản lý chất lượng, Bộ GDĐT",
                doc_number="140/QLCL-TCT",
                level=Level.TOI_MAT,
                doc_type="Công văn",
                abstract="Gửi đề thi dự bị môn Vật lý (3 túi)",
                expected_count=3,
                received_count=2,
                discrepancy_note="Thiếu một túi niêm phong",
            )
        self._units(people, items)

    def _units(self, people: dict[str, Person], items: dict[str, SecretListItem]) -> None:
        """A district office and a school keep their own registers."""
        for clerk, head, sender, number in (
            ("vanthuphong", "truongphong", DEPARTMENT, "301/SGDĐT-KT"),
            ("vanthutruong", "hieutruong", DEPARTMENT, "302/SGDĐT-KT"),
        ):
            with clock.frozen_at(_at(21, 20, 10)):
                incoming_receive(
                    actor=people[clerk],
                    sender=sender,
                    doc_number=number,
                    level=Level.MAT,
                    doc_type="Công văn",
                    abstract="Phân công cán bộ coi thi tuyển sinh lớp 10 năm 2026",
                    storage_place="Tủ tài liệu mật",
                )
                outgoing_register(
                    actor=people[clerk],
                    item_ids=[items["logistics"].pk],
                    doc_type="Báo cáo",
                    symbol=f"BC-{cast(Organisation, people[clerk].organisation).symbol}",  # each has one
                    abstract="Báo cáo phương án bảo quản đề thi tại điểm thi",
                    drafter=people[clerk],
                    decision_maker=people[head],
                    recipients="Sở GDĐT (Phòng Khảo thí);\nLưu: VT.",
                    copies_issued=2,
                    copy_permitted=False,
                    custodian=people[clerk],
                    storage_place="Tủ tài liệu mật",
                )

    def _two_factor(self) -> None:
        """Enrol an authenticator for everyone who must pass the second factor (codes: `bmnn logins code`)."""
        for person in Person.objects.all():
            if requires_two_factor(person):
                TOTPDevice.objects.create(user=person, name=TOTP_DEVICE_NAME, confirmed=True)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--accounts-table",
            action="store_true",
            help="chỉ in bảng tài khoản mẫu (Markdown, cho README), không nạp dữ liệu",
        )
        parser.add_argument(
            "--operations-table",
            action="store_true",
            help="chỉ in bảng ai được làm gì (Markdown, cho README) trên dữ liệu mẫu đã nạp",
        )

    def _print_logins(self) -> None:
        self.stdout.write(f"\nTài khoản mẫu (mật khẩu chung: {PASSWORD}) – http://127.0.0.1:8000/\n")
        self.stdout.write(f"{'Tên đăng nhập':20} {'Họ và tên':22} {'Chức danh':42} {'Tiếp cận đến':12}")
        for username, (last, first, _unit, _pos, title, clearance, _d) in PEOPLE.items():
            level = Level(clearance).label if clearance else "—"
            self.stdout.write(f"{username:20} {last + ' ' + first:22} {title[:42]:42} {level:12}")
        self.stdout.write(f"{'quantri':20} {'Quản trị Hệ thống':22} {'Quản trị (trang /admin/, không xem BMNN)':42} —")
        enrolled = sorted(TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True))
        if enrolled:
            example = "giamdoc" if "giamdoc" in enrolled else enrolled[0]
            self.stdout.write(
                f"\nXác thực hai lớp (sau mật khẩu): {', '.join(enrolled)}. Trên máy phát triển, "
                f"mã hiện tại: BMNN_DEBUG=1 bmnn logins code {example}"
            )


def accounts_table() -> str:
    """Every demo account with its role, as the README shows it (tests/test_readme.py keeps them equal)."""
    units = {key: name for key, name, *_ in ORGANISATIONS}
    rows = [
        "| Tài khoản | Họ và tên | Chức danh | Đơn vị | Vai trò | Tiếp cận đến | Làm công tác BMNN |",
        "|---|---|---|---|---|---|---|",
    ]
    for username, (last, first, unit, position, title, clearance, designated) in PEOPLE.items():
        level = Level(clearance).label if clearance else "—"
        rows.append(
            f"| `{username}` | {last} {first} | {title} | {units[unit]} | {Position(position).label} "
            f"| {level} | {'có' if designated else 'không'} |"
        )
    rows.append("| `quantri` | Quản trị Hệ thống | Quản trị hệ thống | — | Quản trị (trang /admin/) | — | không |")
    return "\n".join(rows) + "\n"

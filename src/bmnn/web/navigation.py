"""The header's links, grouped by the work they serve, each shown only to whom it opens for.

Every link names the check its screen or operation applies (an operation's ``allowed``, an app's
policy), so the header never offers what the person would be refused after filling a form in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bmnn.core import operations
from bmnn.org.models import Person, Position
from bmnn.programme.policies import scope_ids
from bmnn.registers.policies import may_open_registers
from bmnn.reports.policies import agency_of, may_see_dashboard, works_on_reports
from bmnn.safeguards.policies import agency_scope, may_report_incident

Check = Callable[[Person], bool]


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # URL name
    check: Check
    count: str = ""  # key of a header count shown beside the label


@dataclass(frozen=True)
class Group:
    label: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class op:
    """Shown when the creating operation ``slug`` is allowed for the person (its own ``check``)."""

    slug: str

    def __call__(self, person: Person) -> bool:
        return operations.load()[self.slug].allowed(person, None)

    @property
    def key(self) -> object:
        """Operations declaring the same check (the register keeper's) are asked once."""
        return operations.load()[self.slug].check or self.slug


def cleared(person: Person) -> bool:
    """Secret records, hand-overs and requests open only to a person holding a clearance (R38)."""
    return bool(person.clearance)


def leads(person: Person) -> bool:
    return person.position in (Position.HEAD, Position.DEPUTY_HEAD)


def reports_work(person: Person) -> bool:
    agency = agency_of(person)
    return agency is not None and works_on_reports(person, agency)


def incident_reporter(person: Person) -> bool:
    agency = person.agency()
    return agency is not None and may_report_incident(person, agency)


def programme_scope(person: Person) -> bool:
    return bool(scope_ids(person))


def safeguards_scope(person: Person) -> bool:
    return bool(agency_scope(person))


def administrator(person: Person) -> bool:
    return person.is_staff


def anyone(person: Person) -> bool:
    return True


GROUPS = (
    Group(
        "Văn thư",
        (
            Link("Sổ BMNN", "registry:carriers", cleared),
            Link("Tiếp nhận đến", "ops:incoming-receive", op("incoming-receive")),
            Link("Đăng ký đi", "ops:outgoing-register", op("outgoing-register")),
            Link("Chờ ký nhận", "registry:awaiting", cleared, count="awaiting_count"),
            Link("Sổ sách", "registers:index", may_open_registers),
            Link("Biểu mẫu", "registers:forms", may_open_registers),
            Link("Chờ xác định độ mật", "ops:pending-classification", op("pending-classification")),
            Link("Kiểm tra trước khi đăng", "gate:gate", op("gate-check")),
            Link("Gói điện tử gửi, nhận", "exchange:packages", op("exchange-import")),
        ),
    ),
    Group(
        "Phê duyệt",
        (
            Link("Đề nghị", "lifecycle:requests", cleared, count="approvals_count"),
            Link("Việc đến hạn", "lifecycle:due", cleared, count="due_count"),
            Link("Hội đồng", "lifecycle:councils", cleared),
            Link("Thu hồi", "lifecycle:recalls", cleared),
            Link("Hội nghị, hội thảo", "lifecycle:meetings", cleared),
        ),
    ),
    Group(
        "Chương trình bảo vệ",
        (
            Link("Kế hoạch", "programme:plans", programme_scope),
            Link("Nhiệm vụ được giao", "programme:tasks", programme_scope),
            Link("Tự kiểm tra", "programme:inspections", programme_scope),
            Link("Sự cố lộ, mất", "safeguards:incidents", incident_reporter),
            Link("Cán bộ, cam kết, tập huấn", "safeguards:staff", safeguards_scope),
            Link("Thiết bị", "safeguards:devices", safeguards_scope),
        ),
    ),
    Group(
        "Báo cáo",
        (
            Link("Bảng theo dõi của thủ trưởng", "reports:dashboard", may_see_dashboard),
            Link("Báo cáo định kỳ", "reports:list", reports_work),
        ),
    ),
    Group(
        "Quản trị",
        (
            Link("Đơn vị", "org:organisations", anyone),
            Link("Danh sách cán bộ", "org:people", anyone),
            Link("Đề nghị cấp quyền", "org:access-requests", anyone),
            Link("Đề nghị bãi bỏ danh mục", "catalog:repeal-requests", anyone),
            Link("Trang quản trị", "admin:index", administrator),
        ),
    ),
)


def groups_for(person: Person, counts: dict[str, int]) -> list[dict[str, object]]:
    """The groups with the links this person may open; a group left empty is not shown."""
    answers: dict[object, bool] = {}  # one answer per check: several links share theirs

    def may(check: Check) -> bool:
        key = getattr(check, "key", check)
        if key not in answers:
            answers[key] = check(person)
        return answers[key]

    shown: list[dict[str, object]] = []
    for group in GROUPS:
        links = [
            {"label": link.label, "url": link.url, "count": counts.get(link.count, 0)}
            for link in group.links
            if may(link.check)
        ]
        if links:
            shown.append({"label": group.label, "links": links})
    return shown

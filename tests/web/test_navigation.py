"""The header groups links by work and shows each only to whom it opens for; the home page starts with
"Việc của tôi" (what awaits the person, what is overdue, what they hold)."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from bmnn.core import operations
from bmnn.org.models import Person
from bmnn.web.navigation import GROUPS
from tests.conftest import ensure_reference_data

NAV = re.compile(r'<nav class="groups".*?</nav>', re.S)
GROUP = re.compile(r'<span class="group-label">([^<]+)</span>(.*?)</div>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)')


@pytest.fixture
def demo(db):
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())


def header_links(client, username):
    client.force_login(Person.objects.get(username=username))
    page = client.get("/").content.decode()
    nav = NAV.search(page).group(0)
    return page, {
        label: dict((text.strip(), href) for href, text in LINK.findall(body)) for label, body in GROUP.findall(nav)
    }


def test_each_role_sees_its_own_links_grouped_by_work_R38(client, demo):
    """R38: the clerk keeps the books; the uncleared specialist and the administrator are offered no secret
    screen; the director approves and reads the head's dashboard."""
    _, clerk = header_links(client, "vanthu")
    assert list(clerk) == ["Văn thư", "Phê duyệt", "Chương trình bảo vệ", "Báo cáo", "Quản trị"]
    assert {"Sổ BMNN", "Tiếp nhận đến", "Đăng ký đi", "Chờ ký nhận", "Sổ sách"} <= set(clerk["Văn thư"])

    _, director = header_links(client, "giamdoc")
    assert "Đăng ký đi" not in director["Văn thư"] and "Sổ sách" in director["Văn thư"]
    assert "Đề nghị" in director["Phê duyệt"]
    assert "Bảng theo dõi của thủ trưởng" in director["Báo cáo"]

    _, uncleared = header_links(client, "chuyenvien")
    shown = {label for links in uncleared.values() for label in links}
    assert not shown & {"Sổ BMNN", "Đăng ký đi", "Tiếp nhận đến", "Sổ sách", "Chờ ký nhận", "Đề nghị"}
    assert "Phê duyệt" not in uncleared

    _, admin = header_links(client, "quantri")
    shown = {label for links in admin.values() for label in links}
    assert "Trang quản trị" in shown and "Đăng ký đi" not in shown and "Sổ BMNN" not in shown


def test_every_link_shown_opens_and_every_operation_hidden_is_refused(client, demo):
    """What the header offers opens for the person (no form that is refused once filled in); a creating
    operation it leaves out is refused on its own screen too."""
    ops = operations.load()
    op_links = {link.url: link for group in GROUPS for link in group.links if link.url.startswith("ops:")}
    for person in Person.objects.filter(is_active=True):
        _, groups = header_links(client, person.username)
        hrefs = {href for links in groups.values() for href in links.values()}
        for href in hrefs:
            assert client.get(href).status_code == 200, (person.username, href)
        for name in op_links:
            url = reverse(name)
            allowed = ops[name.removeprefix("ops:")].allowed(person, None)
            assert (url in hrefs) == allowed, (person.username, name)
            if not allowed:
                assert client.get(url).status_code in (400, 403), (person.username, url)


def test_home_page_starts_with_my_work_and_agrees_with_the_awaiting_page(client, demo):
    """Each person's "Chờ tôi ký nhận (n)" counts exactly the rows of their awaiting page (one selector)."""
    page, _ = header_links(client, "vanthu")
    main = page[page.index("<main>") :]
    assert main.index("<h1>Việc của tôi</h1>") < main.index("Chờ tôi ký nhận") < main.index("Quá hạn")
    assert main.index("Quá hạn") < main.index("Tôi đang quản lý") < main.index("Số liệu BMNN bạn được xem")
    some_waiting = False
    for person in Person.objects.filter(is_active=True):
        page, _ = header_links(client, person.username)
        shown = int(re.search(r"Chờ tôi ký nhận \((\d+)\)", page).group(1))
        rows = client.get("/cho-ky-nhan/").content.decode().count('/ky-nhan/">Ký nhận</a>')
        assert shown == rows, person.username
        some_waiting |= shown > 0
    assert some_waiting
    page, _ = header_links(client, "chuyenvien")
    assert "Bạn không quản lý BMNN nào." in page and "Số liệu BMNN bạn được xem" not in page

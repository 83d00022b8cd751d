"""The clerk opens the outgoing register in the browser and prints it: cover first, level in red (R20, R21, R43)."""

import pytest

from bmnn.registry.services import outgoing_register
from tests.browser.conftest import login, sees, shot
from tests.conftest import outgoing_kwargs

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_clerk_prints_the_outgoing_register_from_the_browser_R21(page, cast):
    """R21, R43: the print view shows the cover (R20), every column, and the level in red, also in print media."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    login(page, "vanthu")
    page.get_by_role("link", name="Sổ sách").click()
    sees(page, "Sổ đăng ký BMNN đi")
    shot(page, "registers-01-index")
    page.get_by_role("link", name="Xem bản in").first.click()
    sees(page, "Quyển số: 1")
    assert carrier.doc_number in page.content()
    colour = page.locator("td.lv").first.evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(200, 0, 0)"
    shot(page, "registers-02-print-view")
    page.emulate_media(media="print")
    assert not page.locator(".register-tools").is_visible()
    shot(page, "registers-03-print-media")
    page.goto("/bieu-mau/")
    page.get_by_role("link", name="Biểu mẫu").last.click()
    sees(page, "Nhãn bì thư")
    shot(page, "registers-04-record-forms")

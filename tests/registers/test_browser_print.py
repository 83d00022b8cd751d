"""The clerk opens the outgoing register in the browser and prints it: cover first, level in red (R20, R21, R43)."""

import pytest

from bmnn.registry.services import outgoing_register
from tests.browser.conftest import login, shot
from tests.conftest import outgoing_kwargs

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_clerk_prints_the_outgoing_register_from_the_browser_R21(page, cast):
    """R21, R43: the print view shows the cover (R20), every column, and the level in red, also in print media."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    login(page, "vanthu")
    page.get_by_role("link", name="Sổ sách").click()
    assert "Sổ đăng ký BMNN đi" in page.content()
    shot(page, "registers-01-index")
    page.get_by_role("link", name="Xem bản in").first.click()
    assert carrier.doc_number in page.content() and "Quyển số: 1" in page.content()
    colour = page.locator("td.lv").first.evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(200, 0, 0)"
    shot(page, "registers-02-print-view")
    page.emulate_media(media="print")
    assert not page.locator(".register-tools").is_visible()
    shot(page, "registers-03-print-media")
    page.goto("/bieu-mau/")
    page.get_by_role("link", name="Biểu mẫu").last.click()
    assert "Nhãn bì thư" in page.content()
    shot(page, "registers-04-record-forms")

"""A hand-over in a real browser through the picker that looks people up as you type (R23, R38)."""

import pytest
from playwright.sync_api import expect

from bmnn.registry.choices import HandoverStatus
from bmnn.registry.models import Handover
from bmnn.registry.services import outgoing_register
from tests.browser.conftest import login, pick, sees, shot
from tests.browser.test_lifecycle_flow import logout
from tests.conftest import outgoing_kwargs


@pytest.mark.django_db(transaction=True)
def test_the_clerk_types_part_of_a_name_without_diacritics_chooses_and_hands_over_R23(page, cast):
    """R23, R38: the picker offers the eligible officer for "do thu"; the hand-over waits for her signature,
    which she gives; an uncleared person typed by hand is refused on the server."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    login(page, "vanthu")
    page.goto(f"/so-bmnn/{carrier.pk}/")
    page.get_by_role("link", name="Giao BMNN").click()
    page.get_by_label("Giao cho cán bộ").fill("hoang lan")  # another department's clerk: not offered
    expect(page.locator(".lookup-list")).to_contain_text("Không có ai phù hợp")  # waits for the answer
    page.get_by_label("Giao cho cán bộ").fill("do thu")
    page.locator(".lookup-list li[data-id]").first.wait_for()
    shot(page, "pickers-1-hand-over-typing")
    pick(page, "Giao cho cán bộ", "do thu", "Đỗ Thu Hà")
    assert page.get_by_label("Giao cho cán bộ").input_value().startswith("Đỗ Thu Hà – Chuyên viên")
    shot(page, "pickers-2-hand-over-chosen")
    page.get_by_role("button", name="Giao (vào sổ chuyển giao)").click()
    sees(page, "Đã giao; BMNN ở trạng thái chờ ký nhận.")
    handover = Handover.objects.get()
    assert handover.to_person == cast.officer and handover.status == HandoverStatus.PENDING
    shot(page, "pickers-3-handed-over")
    logout(page)

    login(page, "chuyenvien")
    page.goto("/cho-ky-nhan/")
    page.get_by_role("link", name="Ký nhận", exact=True).click()
    page.get_by_role("button", name="Ký nhận").click()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.CONFIRMED and handover.confirmed_by == cast.officer

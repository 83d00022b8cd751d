"""A hand-over in a real browser through the picker that looks people up as you type (R23, R38)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from bmnn.core import clock
from bmnn.registry.choices import HandoverStatus
from bmnn.registry.models import Handover
from bmnn.registry.services import outgoing_register
from bmnn.safeguards.models import TrainingSession
from tests.browser.conftest import login, pick, sees, shot
from tests.browser.test_layout import broken_controls
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


@pytest.mark.django_db(transaction=True)
def test_the_clerk_records_a_training_choosing_several_attendees_by_keyboard_and_mouse_P4(page, cast):
    """P4: the attendees are looked up as typed; each choice becomes a chip with a labelled remove button, whoever
    is chosen is not offered again, Backspace in the empty box takes the last chip back; the session is recorded
    with exactly the chips left."""
    login(page, "vanthu")
    page.goto(reverse("ops:training-record"))
    pick(page, "Đơn vị tổ chức", "so giao duc", cast.department.name)
    page.get_by_label("Nội dung tập huấn").fill("Phổ biến Luật Bảo vệ bí mật nhà nước")
    page.get_by_label("Ngày tổ chức").fill(clock.today().strftime("%d/%m/%Y"))
    box = page.get_by_label("Người tham dự")
    chips = page.locator(".lookup-chips .chip")

    box.fill("do thu")  # by keyboard: the first match is marked, Enter takes it
    expect(page.locator(".lookup-list li[data-id]")).to_have_text(["Đỗ Thu Hà"])
    box.press("Enter")
    expect(chips).to_have_text(["Đỗ Thu Hà×"])
    expect(box).to_have_value("")
    expect(page.locator(".lookup-multi [aria-live]")).to_have_text("Đã chọn Đỗ Thu Hà")
    pick(page, "Người tham dự", "le thi", "Lê Thị Chi")  # by mouse
    box.fill("vu minh")
    expect(page.locator(".lookup-list li[data-id]")).to_have_text(["Vũ Minh Khoa"])
    box.press("ArrowDown")
    box.press("ArrowUp")
    box.press("Enter")
    expect(chips).to_have_count(3)
    box.fill("do thu")  # already chosen: not offered again
    expect(page.locator(".lookup-list")).to_contain_text("Không có ai phù hợp")
    box.fill("")
    shot(page, "pickers-4-training-attendees")
    assert broken_controls(page) == []  # at 1366×768 the chips and their buttons fit

    page.get_by_role("button", name="Bỏ chọn Lê Thị Chi").click()  # the chip's button is named for a screen reader
    expect(page.locator(".lookup-multi [aria-live]")).to_have_text("Đã bỏ chọn Lê Thị Chi")
    expect(box).to_be_focused()
    box.press("Backspace")  # the empty box takes the last chip back
    expect(chips).to_have_text(["Đỗ Thu Hà×"])
    pick(page, "Người tham dự", "canbo", "Vũ Minh Khoa")  # found by login too
    expect(chips).to_have_count(2)
    page.get_by_role("button", name="Ghi nhận").click()
    sees(page, "Phổ biến Luật Bảo vệ bí mật nhà nước")
    session = TrainingSession.objects.get()
    assert set(session.attendees.all()) == {cast.officer, cast.junior}
    shot(page, "pickers-5-training-recorded")

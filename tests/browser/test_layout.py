"""At 1366×768, the office monitor, no control on a main screen overflows its box or wraps its label
(the director's decision radios used to float mid-page with "Phê / duyệt" split over two lines)."""

import pytest

from bmnn.lifecycle.services.copying import copy_request
from bmnn.registry.choices import CopyForm
from bmnn.registry.services import handover_create, outgoing_register
from tests.browser.conftest import login, shot
from tests.conftest import outgoing_kwargs

# Runs in the page: every visible control (and the label of every radio/checkbox) that sticks out of its
# container or the window, or whose text runs over more than one line.
FIND_BROKEN = """() => {
  const broken = [];
  const width = document.documentElement.clientWidth;
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1)
      .sort((a, b) => a.top - b.top);
    let count = 0, bottom = -Infinity;  // a rect starting below the current line's bottom starts a new line
    for (const r of rects) {
      if (r.top >= bottom - 2) { count += 1; bottom = r.bottom; } else { bottom = Math.max(bottom, r.bottom); }
    }
    return count;
  };
  const describe = (el, why) =>
    `${why}: <${el.tagName.toLowerCase()}> ${(el.innerText || el.name || '').trim().slice(0, 40)}`;
  const controls = document.querySelectorAll(
    'main input, main select, main textarea, main button, main a.button, header nav a, header button');
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || el.type === 'hidden') continue;
    if (box.right > width + 1) broken.push(describe(el, 'overflows the window'));
    const parent = el.parentElement.getBoundingClientRect();
    if (box.right > parent.right + 1 || box.left < parent.left - 1) broken.push(describe(el, 'overflows its box'));
    if ((el.type === 'radio' || el.type === 'checkbox') && box.width > 30) broken.push(describe(el, 'stretched'));
    if ((el.tagName === 'BUTTON' || el.tagName === 'A') && lines(el) > 1) broken.push(describe(el, 'wraps'));
  }
  for (const input of document.querySelectorAll('main input[type=radio], main input[type=checkbox]')) {
    const label = input.closest('label');
    // a short label (a word or two, as "Phê duyệt") never wraps; a long list item may, beside its box
    if (label && label.innerText.trim().length <= 60 && lines(label) > 1) broken.push(describe(label, 'label wraps'));
    if (label) {
      const a = input.getBoundingClientRect(), b = label.getBoundingClientRect();
      if (b.left - a.right > 0 && b.top > a.bottom) broken.push(describe(label, 'label below its control'));
    }
  }
  return broken;
}"""


def broken_controls(page):
    return page.evaluate(FIND_BROKEN)


@pytest.mark.django_db(transaction=True)
def test_no_control_overflows_or_wraps_on_the_main_screens_at_1366x768(page, cast):
    paper = outgoing_register(
        **outgoing_kwargs(
            cast, item_ids=[cast.exam_paper_item.pk], copy_permitted=True, doc_type="Đề thi", symbol="ĐT-SGDĐT"
        )
    )
    request = copy_request(
        actor=cast.officer,
        carrier=paper,
        form=CopyForm.TRUE_COPY,
        count=2,
        recipients="Hội đồng thi",
        reasons="Phục vụ kỳ thi",
    )
    handover_create(actor=cast.clerk, carrier=paper, to_person=cast.officer, envelope_count=1)
    screens = {
        "giamdoc": [
            "/",
            f"/de-nghi/{request.pk}/",
            f"/de-nghi/{request.pk}/quyet-dinh/",
            "/de-nghi/",
            "/so-bmnn/",
            f"/so-bmnn/{paper.pk}/",
        ],
        "vanthu": [
            "/",
            "/so-bmnn/",
            "/dang-ky-di/",
            "/tiep-nhan-den/",
            "/cho-ky-nhan/",
            "/so-sach/",
            f"/so-bmnn/{paper.pk}/",
            f"/so-bmnn/{paper.pk}/hoi-dong-tieu-huy/",  # pickers of one and of several people
            "/tap-huan/moi/",
        ],
        "chuyenvien": ["/", "/cho-ky-nhan/", "/viec-den-han/", f"/so-bmnn/{paper.pk}/"],
    }
    found = {}
    for username, paths in screens.items():
        page.context.clear_cookies()
        login(page, username)
        for path in paths:
            page.goto(path)
            broken = broken_controls(page)
            if broken:
                found[f"{username} {path}"] = broken
        shot(page, f"layout-{username}")
    page.context.clear_cookies()
    login(page, "giamdoc")
    page.goto(f"/de-nghi/{request.pk}/")
    shot(page, "layout-decision")
    assert found == {}, found
    # The decision control reads as one line per choice, the radio beside its word.
    approve = page.get_by_label("Phê duyệt")
    label = page.locator("label", has=approve)
    assert label.bounding_box()["height"] < 30 and approve.bounding_box()["width"] < 30

"""Playwright driving Debian's Chromium against Django's live server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(os.environ.get("BMNN_SCREENSHOTS", Path(__file__).resolve().parents[2] / "artifacts" / "screens"))

pytestmark = pytest.mark.browser


def shot(page: Any, name: str) -> None:
    """Keep a screenshot of what the user saw, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sees(page: Any, text: str) -> None:
    """What the user reads on the page, waiting for the page a click opened to arrive (no race with navigation)."""
    expect(page.locator("body")).to_contain_text(text)


def pick(page: Any, label: str, typed: str, choice: str) -> None:
    """Type part of a name into a picker (as a user would, without diacritics) and choose from what it offers."""
    page.get_by_label(label).fill(typed)
    page.locator(".lookup-list li[data-id]", has_text=choice).first.click()


def login(page: Any, username: str, password: str = "mat-khau-thu-nghiem") -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")

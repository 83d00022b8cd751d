"""In development too (DEBUG), a missing page, a forbidden one and a server error are answered by the Vietnamese
pages, never by Django's English technical page with its list of addresses (S2)."""

from unittest import mock

import pytest

TECHNICAL = ("URLconf", "Page not found", "Traceback", "Django tried these URL patterns", "DEBUG = True")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "/so-bmnn/999999/", "/so-sach/"])
def test_missing_or_forbidden_pages_are_vietnamese_in_development_S2(client, cast, debug, path):
    client.force_login(cast.officer)  # /so-sach/ is not for a specialist
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code in (403, 404)
    assert "Không tìm thấy" in page or "Không được phép" in page
    assert not any(word in page for word in TECHNICAL)


def test_a_server_error_is_vietnamese_in_development(client, cast, debug):
    client.force_login(cast.clerk)
    with mock.patch("bmnn.web.views.selectors.carrier_counts", side_effect=RuntimeError("hỏng")):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 500 and "Lỗi hệ thống" in page
    assert not any(word in page for word in TECHNICAL)


def test_the_api_keeps_its_json_errors(client, cast, debug):
    client.force_login(cast.clerk)
    response = client.get("/api/carriers/999999/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")

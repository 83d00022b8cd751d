"""A session ends after the configured minutes without a request (BMNN_SESSION_IDLE_MINUTES, default 15)."""

from __future__ import annotations

import time

from bmnn.web.security import LAST_SEEN


def idle_for(client, minutes: float) -> None:
    """Pretend the last request of the session was ``minutes`` ago."""
    session = client.session
    session[LAST_SEEN] = time.time() - minutes * 60
    session.save()


def test_the_default_idle_timeout_is_fifteen_minutes(settings):
    assert settings.BMNN_SESSION_IDLE_SECONDS == 15 * 60


def test_activity_keeps_the_session_and_idleness_ends_it(client, cast):
    client.force_login(cast.clerk)
    assert client.get("/").status_code == 200
    idle_for(client, 14)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 5  # the request counted as activity
    idle_for(client, 16)
    response = client.get("/so-bmnn/")
    assert response.status_code == 302 and response.url == "/dang-nhap/?next=/so-bmnn/"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "Phiên làm việc đã kết thúc vì không thao tác quá lâu" in page.content.decode()


def test_the_idle_clock_starts_at_login(client, cast):
    before = time.time()
    client.post("/dang-nhap/", {"username": "vanthu", "password": "mat-khau-thu-nghiem"})
    assert client.session[LAST_SEEN] >= before


def test_an_idle_api_session_answers_401_in_vietnamese(client, cast):
    client.force_login(cast.clerk)
    assert client.get("/api/carriers/").status_code == 200
    idle_for(client, 16)
    response = client.get("/api/carriers/")
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]


def test_a_shorter_timeout_from_the_setting(client, cast, settings):
    settings.BMNN_SESSION_IDLE_SECONDS = 60
    client.force_login(cast.clerk)
    idle_for(client, 2)
    assert client.get("/").status_code == 302

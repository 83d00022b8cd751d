"""A session ends after the configured minutes without a request (BMNN_SESSION_IDLE_MINUTES, default 15)."""

from __future__ import annotations

import datetime as dt

from bmnn.core.clock import frozen_at

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def test_the_default_idle_timeout_is_fifteen_minutes(settings):
    assert settings.BMNN_SESSION_IDLE_SECONDS == 15 * 60


def test_activity_keeps_the_session_and_idleness_ends_it(client, cast):
    client.force_login(cast.clerk)
    with frozen_at(START):
        assert client.get("/").status_code == 200
    with frozen_at(START + dt.timedelta(minutes=14)):
        assert client.get("/").status_code == 200
    with frozen_at(START + dt.timedelta(minutes=28)):
        assert client.get("/").status_code == 200  # 14 minutes after the last request
    with frozen_at(START + dt.timedelta(minutes=44)):
        response = client.get("/so-bmnn/")
    assert response.status_code == 302 and response.url == "/dang-nhap/?next=/so-bmnn/"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "Phiên làm việc đã kết thúc vì không thao tác quá lâu" in page.content.decode()


def test_an_idle_api_session_answers_401_in_vietnamese(client, cast):
    client.force_login(cast.clerk)
    with frozen_at(START):
        assert client.get("/api/carriers/").status_code == 200
    with frozen_at(START + dt.timedelta(minutes=16)):
        response = client.get("/api/carriers/")
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]

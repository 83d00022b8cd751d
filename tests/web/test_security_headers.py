"""Response headers: a strict Content-Security-Policy, no caching of anything the application answers, HSTS in
production, and `bmnn check --deploy` clean with the production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bmnn
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs

ROOT = Path(bmnn.__file__).parent
REPO = ROOT.parent.parent
NO_STORE = "no-store"


def csp_directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in policy.split(";")) if part}


def test_every_kind_of_response_has_a_strict_csp_and_is_never_cached(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    anonymous = [client.get("/dang-nhap/"), client.get("/api/carriers/")]
    client.force_login(cast.clerk)
    pages = [
        client.get("/"),
        client.get(f"/so-bmnn/{carrier.pk}/"),
        client.get("/api/carriers/"),
        client.get(f"/api/carriers/{carrier.pk}/"),
        client.get("/so-sach/so-di/2026/tai-ve.xlsx"),
        client.get("/khong-co-trang-nay/"),
    ]
    assert [r.status_code for r in pages] == [200, 200, 200, 200, 200, 404]
    for response in anonymous + pages:
        directives = csp_directives(response)
        assert directives["script-src"] == "script-src 'self'"
        assert directives["default-src"] == "default-src 'self'"
        assert directives["object-src"] == "object-src 'none'"
        assert directives["frame-ancestors"] == "frame-ancestors 'none'"
        assert "unsafe-inline" not in directives["style-src"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]
        assert NO_STORE in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


def test_the_admin_gets_the_same_headers(client, cast):
    cast.director.is_staff = cast.director.is_superuser = True
    cast.director.save()
    client.force_login(cast.director)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == "script-src 'self'"
    assert NO_STORE in response["Cache-Control"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_event_handler():
    templates = list(ROOT.rglob("templates/**/*.html"))
    assert len(templates) > 30
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not INLINE_SCRIPT.search(text), f"inline <script> in {path}"
        assert not INLINE_HANDLER.search(text), f"inline event handler in {path}"
        assert not JAVASCRIPT_URL.search(text), f"javascript: URL in {path}"


def test_pages_load_the_static_script_that_replaced_the_inline_handlers(client, cast):
    client.force_login(cast.clerk)
    html = client.get("/").content.decode()
    assert '<script src="/static/web/bmnn.js" defer></script>' in html
    script = (ROOT / "web/static/web/bmnn.js").read_text(encoding="utf-8")
    assert "data-print" in script and "data-autosubmit" in script and "data-confirm" in script


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BMNN_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        BMNN_DATA_DIR=str(tmp_path),
        BMNN_HTTPS="1",
        BMNN_ALLOWED_HOSTS="bmnn.lan",
        DJANGO_SETTINGS_MODULE="bmnn.config.settings",
    )
    return env


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    bmnn_cli = Path(sys.executable).with_name("bmnn")
    result = subprocess.run(  # noqa: S603
        [str(bmnn_cli), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import django
django.setup()
from django.test import Client
from django.conf import settings
response = Client(HTTP_HOST="bmnn.lan").get("/dang-nhap/", secure=True)
print(response.status_code, response.get("Strict-Transport-Security"))
plain = Client(HTTP_HOST="bmnn.lan").get("/dang-nhap/")
print(plain.status_code, plain.get("Location"))
"""


def test_production_sends_hsts_and_redirects_plain_http(tmp_path):
    subprocess.run(  # noqa: S603
        [str(Path(sys.executable).with_name("bmnn")), "migrate", "-v", "0"],
        env=production_env(tmp_path),
        check=True,
        timeout=300,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    secure, plain = result.stdout.strip().splitlines()
    assert secure == "200 max-age=31536000; includeSubDomains"
    assert plain == "301 https://bmnn.lan/dang-nhap/"


def test_the_nginx_example_sends_hsts_and_the_real_client_address():
    conf = (REPO / "deploy/nginx/bmnn.conf").read_text(encoding="utf-8")
    assert 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;' in conf
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf


@pytest.mark.parametrize("path", ["/dang-nhap/", "/xac-thuc-hai-lop/"])
def test_login_pages_are_not_cached_either(client, path):
    assert NO_STORE in client.get(path)["Cache-Control"]

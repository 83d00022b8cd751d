"""Take screenshots of the main screens of a running BMNN (demo data) for a person to look at.

Usage: python scripts/screenshots.py [http://127.0.0.1:8000] [out_dir]
Needs Debian's chromium and the playwright package (both installed by ./scripts/test).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "artifacts/screens")
PAGES = {
    "vanthu": [
        "/",
        "/so-bmnn/",
        "/so-bmnn/?q=de+thi&level=TOI_MAT",
        "/tiep-nhan-den/",
        "/dang-ky-di/",
        "/cho-ky-nhan/",
        "/don-vi/",
        "/can-bo/",
        "/de-nghi/",
        "/viec-den-han/",
    ],
    "giamdoc": ["/", "/de-nghi/", "/cho-ky-nhan/"],
    "canbomat": ["/", "/so-bmnn/"],
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        for user, paths in PAGES.items():
            page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=BASE)
            page.goto("/dang-nhap/")
            page.fill("#id_username", user)
            page.fill("#id_password", "Demo@BMNN-2026")
            page.click("button[type=submit]")
            if "/xac-thuc-hai-lop/" in page.url:  # approvers pass the second factor (the demo enrolled them)
                bmnn = shutil.which("bmnn") or "bmnn"
                code = subprocess.run(
                    [bmnn, "logins", "code", user],
                    env={**os.environ, "BMNN_DEBUG": "1"},  # noqa: S603
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
                page.fill("#id_token", code)
                page.click("button[type=submit]")
            for path in paths:
                page.goto(path)
                name = f"{user}{path.replace('/', '_').replace('?', '-').replace('&', '-').replace('=', '')}.png"
                page.screenshot(path=str(OUT / name), full_page=True)
            if user == "vanthu":
                page.goto("/so-bmnn/")
                page.locator("table.list tbody a").first.click()
                page.screenshot(path=str(OUT / f"{user}_record.png"), full_page=True)
            page.close()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()

"""Reading in the browser (S6, R44, S2): every read path honours visibility (forbidden = not found); each page is
rendered from memory with the level in red, the reader's name, unit and the time; every view is audited."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from django.urls import reverse
from PIL import Image

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.vault import reading, render
from tests.helpers import at, command, operation_events

from .conftest import png_size, secret_pdf, store

RED = (200, 0, 0)


def red_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    raw = image.crop(box).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(raw), 3) if raw[i] > 150 and raw[i + 1] < 90 and raw[i + 2] < 90)


def test_a_reader_sees_each_page_with_the_red_level_stamp_and_their_name_unit_and_time_R44_S6(cast, exam_paper, client):
    """Overlay on every page: the stamp in red at the top right, the reader's lines (red) at the foot; they differ
    from the bare page and from another reader's; each page viewed is one audit event."""
    stored = store(cast, exam_paper, secret_pdf(pages=3))
    client.force_login(cast.officer)
    detail = client.get(reverse("vault:file", args=[stored.pk]))
    assert detail.status_code == 200 and detail["Cache-Control"].startswith("no-store")
    body = detail.content.decode()
    assert body.count('class="vault-page"') == 3
    data = reading.plaintext(stored)
    for page in (1, 2, 3):
        with clock.frozen_at(at(2026, 12, 7, 10, 30)):
            response = client.get(reverse("vault:page", args=[stored.pk, page]))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response["Cache-Control"].startswith("no-store")
        image = Image.open(io.BytesIO(response.content)).convert("RGB")
        width, height = image.size
        pdf = pypdfium2.PdfDocument(data)
        bare_image = pdf[page - 1].render(scale=render.SCALE).to_pil().convert("RGB")
        pdf.close()
        assert bare_image.size == image.size
        assert red_pixels(image, (width * 2 // 3, 0, width, height // 10)) > 200  # the level stamp
        assert red_pixels(image, (0, height * 9 // 10, width, height)) > 200  # the reader's lines
        assert red_pixels(bare_image, (0, 0, width, height)) == 0
        other = render.page_png(data, page - 1, reading.overlay_for(cast.exams_head, exam_paper))
        assert (
            Image.open(io.BytesIO(other)).convert("RGB").crop((0, height * 9 // 10, width, height)).tobytes()
            != image.crop((0, height * 9 // 10, width, height)).tobytes()
        )
    overlay = reading.overlay_for(cast.officer, exam_paper)
    assert overlay.stamp == "TỐI MẬT"
    assert overlay.lines[0] == f"Người đọc: {cast.officer} – {cast.officer.organisation.name}"
    viewed = AuditEvent.objects.filter(action="vault.file.viewed").order_by("seq")
    assert [e.data["page"] for e in viewed] == [1, 2, 3]
    assert {e.actor_id for e in viewed} == {cast.officer.pk}
    assert client.get(reverse("vault:page", args=[stored.pk, 4])).status_code == 404


def test_every_read_path_answers_not_found_to_whoever_may_not_see_the_record_S2(cast, exam_paper, client, settings):
    """S2: another department's clerk and a MAT-cleared officer get 404 on the list, the page, the page images, the
    operation screens, the API and the command, exactly as for a file that does not exist."""
    stored = store(cast, exam_paper)
    paths = [
        reverse("vault:file", args=[stored.pk]),
        reverse("vault:page", args=[stored.pk, 1]),
        reverse("ops:vault-download", args=[stored.pk]),
        reverse("ops:vault-erase", args=[stored.pk]),
    ]
    before = operation_events().count()
    for person in (cast.outsider, cast.junior):
        client.force_login(person)
        for path in paths:
            assert client.get(path).status_code == 404, (person, path)
        assert client.post(reverse("ops:vault-download", args=[stored.pk])).status_code == 404
        assert client.post(f"/api/vault-files/{stored.pk}/download/").status_code == 404
        assert client.post(f"/api/vault-files/{stored.pk}/erase/").status_code == 404
        assert stored.name not in client.get(reverse("vault:files")).content.decode()
        assert "de-thi.pdf" not in command("vault", person.username, "list")
    missing = stored.pk + 100
    client.force_login(cast.officer)
    assert client.get(reverse("vault:file", args=[missing])).status_code == 404
    assert operation_events().count() == before  # nothing was viewed
    # the same paths answer someone who may see the record
    assert client.get(paths[0]).status_code == 200
    assert client.get(paths[1]).status_code == 200
    assert stored.name in client.get(reverse("vault:files")).content.decode()
    assert "de-thi.pdf" in command("vault", cast.officer.username, "list")


def test_pages_are_rendered_in_memory_never_written_to_disk_S6(
    cast, exam_paper, client, tmp_path, monkeypatch, settings
):
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    stored = store(cast, exam_paper)
    blobs = sorted(p.name for p in (tmp_path / "vault").iterdir())
    client.force_login(cast.clerk)
    image = client.get(reverse("vault:page", args=[stored.pk, 1])).content
    assert png_size(image)[0] > 500
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "vault").iterdir()) == blobs


@pytest.mark.parametrize("page", [0, -1])
def test_a_page_that_does_not_exist_is_not_found(cast, stored, client, page):
    client.force_login(cast.clerk)
    assert client.get(f"/kho-dien-tu/{stored.pk}/trang/{page}/").status_code == 404


def test_the_overlay_follows_a_regrade_of_the_record_R10(cast, exam_paper, stored, client):
    """R10: after the level is lowered, every page shows the new level (the mark is drawn at view time)."""
    from bmnn.approvals.services import request_decide
    from bmnn.lifecycle.services.regrade import regrade_apply, regrade_request

    assert reading.overlay_for(cast.officer, exam_paper).stamp == "TỐI MẬT"
    request = regrade_request(
        actor=cast.officer,
        carrier=exam_paper,
        item_ids=[cast.exam_logistics_item.pk],
        reasons="Chỉ còn phương án vận chuyển",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    regrade_apply(actor=cast.clerk, request=request)
    stored.refresh_from_db()
    assert reading.overlay_for(cast.officer, stored.carrier).stamp == "MẬT"
    client.force_login(cast.officer)
    assert client.get(reverse("vault:page", args=[stored.pk, 1])).status_code == 200
    assert AuditEvent.objects.filter(action="vault.file.viewed").count() == 1

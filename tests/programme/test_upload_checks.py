"""Every uploaded file is checked in a capped child process (issue 12): where secrets do not belong (plan
attachments, task evidence, inspection evidence) a marked file is refused (S6); a file whose check hits a cap
(time, memory, OCR pages) is "could not be checked" and refused; a refusal stores nothing."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core import uploadscan
from bmnn.core.errors import DomainError
from bmnn.core.uploadscan import CLEAN, MARKED, UNCHECKED, ScanBusy, scan_slot, scan_upload
from bmnn.documents.samples import text_pdf
from bmnn.programme.choices import Answer
from bmnn.programme.models import Evidence
from bmnn.programme.selectors import open_tasks
from bmnn.programme.services import inspection_answer, plan_attach, progress_report
from tests.helpers import blank_png, docx_bytes, image_pdf, operation_events

from .test_inspections import open_department_inspection

MARKED_PDF = text_pdf("TỐI MẬT", "Phương án vận chuyển đề thi")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def nothing_stored(settings) -> bool:
    media = Path(settings.MEDIA_ROOT)
    return not Evidence.objects.exists() and not (media.exists() and any(p.is_file() for p in media.rglob("*")))


def test_the_check_answers_clean_marked_with_its_levels_or_could_not_be_checked():
    """The three answers of the capped child process; a file it cannot read is never "clean"."""
    assert scan_upload(text_pdf("Biên bản họp"), "bb.pdf").status == CLEAN
    marked = scan_upload(docx_bytes("MẬT", "Kế hoạch"), "kh.docx")
    assert marked.status == MARKED and marked.levels == ("MAT",) and marked.levels_text == "Mật"
    assert scan_upload(text_pdf("MẬT", "GIẢI MẬT"), "gm.pdf").status == CLEAN  # declassified
    broken = scan_upload(b"%PDF-1.4 not really a pdf", "hong.pdf")
    assert broken.status == UNCHECKED and broken.detail


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_stamp_pasted_as_a_picture_is_read_inside_the_capped_child(tmp_path):
    """Issue 16: the child reads the red crop with Tesseract's library under its memory cap and answers marked."""
    from tests.scan import builders

    picture = builders.stamp_picture(tmp_path / "stamp.png")
    path = builders.docx_with_picture(tmp_path / "a.docx", ["Báo cáo tình hình", "Nội dung"], picture)
    marked = scan_upload(path.read_bytes(), "bao-cao.docx")
    assert marked.status == MARKED and marked.levels == ("TOI_MAT",), marked


def test_a_marked_file_is_refused_as_a_plan_attachment_and_nothing_is_stored_S6(world, settings):
    """S6: plan attachments are kept in clear, so a file bearing a secrecy mark does not come in this way."""
    plan = world.department_plan(issue=False)
    with pytest.raises(DomainError, match="mang dấu độ mật \\(Tối mật\\)") as refused:
        plan_attach(
            actor=world.cast.director,
            plan=plan,
            files=[
                SimpleUploadedFile("phu-luc.pdf", text_pdf("Phụ lục")),
                SimpleUploadedFile("de-thi.pdf", MARKED_PDF),
            ],
        )
    assert refused.value.rule == "S6"
    assert nothing_stored(settings) and not AuditEvent.objects.filter(action="programme.plan.attached").exists()
    saved = plan_attach(
        actor=world.cast.director, plan=plan, files=[SimpleUploadedFile("phu-luc.docx", docx_bytes("Phụ lục kế hoạch"))]
    )
    assert [e.name for e in saved] == ["phu-luc.docx"]


def test_a_marked_file_is_refused_as_task_evidence_on_the_screen_and_the_api_S6(world, client, settings):
    """S6: the school's report with a marked evidence file is refused in Vietnamese on the screen (400) and the
    API (400); the task keeps its state and no file is stored."""
    plan = world.department_plan()
    mine = open_tasks([world.cast.school.pk]).filter(assignment__task__plan=plan, assignment__task__order=1).get()
    with pytest.raises(DomainError, match="mang dấu độ mật"):
        progress_report(
            actor=world.school_clerk,
            occurrence=mine,
            text="Đã tự kiểm tra.",
            files=[SimpleUploadedFile("bien-ban.docx", docx_bytes("TUYỆT MẬT", "Biên bản"))],
        )
    client.force_login(world.principal)
    page = client.post(
        reverse("ops:task-report", args=[mine.pk]),
        {"text": "Đã tự kiểm tra.", "files": [SimpleUploadedFile("bien-ban.pdf", MARKED_PDF)]},
    )
    assert page.status_code == 400 and "mang dấu độ mật (Tối mật)" in page.content.decode()
    api = client.post(
        f"/api/plan-tasks/{mine.pk}/report/",
        {"text": "Đã tự kiểm tra.", "files": [SimpleUploadedFile("bien-ban.pdf", MARKED_PDF)]},
    )
    assert api.status_code == 400 and "mang dấu độ mật" in str(api.json())
    mine.refresh_from_db()
    assert mine.events.count() == 0 and nothing_stored(settings)


def test_a_marked_file_is_refused_as_inspection_evidence_S6(world, settings):
    """S6 (with P2): an inspection point answered with a marked photograph of a document is refused."""
    inspection = open_department_inspection(world)
    answer = inspection.answers.first()
    with pytest.raises(DomainError, match="mang dấu độ mật"):
        inspection_answer(
            actor=world.cast.clerk,
            answer=answer,
            result=Answer.MET,
            files=[SimpleUploadedFile("so-sach.pdf", MARKED_PDF)],
        )
    answer.refresh_from_db()
    assert answer.result == "" and nothing_stored(settings)


# ---- the caps: each hit is "could not be checked", refused, nothing stored ---------------------------------


def _attach_refused(world, settings, upload: SimpleUploadedFile, detail: str) -> None:
    plan = world.department_plan(issue=False)
    with pytest.raises(DomainError, match="không kiểm tra được") as refused:
        plan_attach(actor=world.cast.director, plan=plan, files=[upload])
    assert detail in refused.value.message
    assert nothing_stored(settings) and not AuditEvent.objects.filter(action="programme.plan.attached").exists()


def test_a_check_past_its_time_cap_could_not_be_checked_and_stores_nothing(world, settings):
    """Issue 12: a scanned page whose OCR outlasts the time cap is refused, never taken as clean. The cap (10 ms
    here) is far below what starting Tesseract alone takes, on any machine."""
    settings.BMNN_UPLOAD_SCAN_SECONDS = 0.01
    _attach_refused(world, settings, SimpleUploadedFile("ban-quet.pdf", image_pdf(1)), "thời gian")


def test_a_check_past_its_memory_cap_could_not_be_checked_and_stores_nothing(world, settings):
    """Issue 12: a 170 KB PNG of 144 million pixels needs more memory than the cap (120 MB here) to decode; the
    child process cannot take it: "could not be checked". An ordinary file passes under the same cap."""
    settings.BMNN_UPLOAD_SCAN_MEMORY_MB = 120
    assert scan_upload(text_pdf("Phụ lục"), "phu-luc.pdf").status == CLEAN
    _attach_refused(world, settings, SimpleUploadedFile("so-do.png", blank_png((12000, 12000))), "bộ nhớ")


def test_a_file_with_more_pages_to_read_by_ocr_than_the_cap_could_not_be_checked(world, settings):
    """Issue 12: seven image-only pages against a cap of five OCR pages: refused before any OCR runs."""
    settings.BMNN_UPLOAD_SCAN_OCR_PAGES = 5
    _attach_refused(world, settings, SimpleUploadedFile("ban-quet.pdf", image_pdf(7)), "OCR")


# ---- size limits per route, before the body is read --------------------------------------------------------


def test_an_upload_past_its_route_limit_is_answered_413_in_vietnamese_on_the_screen_and_the_api(
    world, client, settings
):
    """Issue 12: the default kind's limit (1 KB here) answers 413 from the Content-Length, before the view runs:
    no file is read, scanned or stored. Another kind keeps its own limit."""
    settings.BMNN_UPLOAD_MAX_BYTES = {**settings.BMNN_UPLOAD_MAX_BYTES, "default": 1024}
    plan = world.department_plan(issue=False)
    client.force_login(world.cast.director)
    big = text_pdf("Phụ lục", "x" * 4000)
    page = client.post(reverse("ops:plan-attach", args=[plan.pk]), {"files": [SimpleUploadedFile("pl.pdf", big)]})
    assert page.status_code == 413 and "quá lớn: nơi này nhận tối đa" in page.content.decode()
    api = client.post(f"/api/plans/{plan.pk}/attachments/", {"files": [SimpleUploadedFile("pl.pdf", big)]})
    assert api.status_code == 413 and api.json()["detail"].startswith("Tệp gửi lên quá lớn: nơi này nhận tối đa 1 KB")
    assert nothing_stored(settings)
    small = client.post(
        f"/api/plans/{plan.pk}/attachments/", {"files": [SimpleUploadedFile("pl.txt", "Phụ lục".encode())]}
    )
    assert small.status_code in (200, 201) and Evidence.objects.count() == 1


def test_a_body_without_a_length_is_stopped_as_soon_as_it_passes_the_limit(rf, settings):
    """Issue 12: a chunked body (or a Content-Length that lies) is counted as it arrives and stopped past the
    limit; the request is then answered 413 (the upload handler marks it)."""
    from django.core.files.uploadhandler import StopUpload
    from django.urls import resolve

    from bmnn.web.uploads import LimitedUploadHandler

    settings.BMNN_UPLOAD_MAX_BYTES = {**settings.BMNN_UPLOAD_MAX_BYTES, "default": 1000, "vault": 5000}
    request = rf.post("/ke-hoach/1/dinh-kem/")
    request.resolver_match = resolve(reverse("ops:plan-attach", args=[1]))
    handler = LimitedUploadHandler(request)
    assert handler.receive_data_chunk(b"a" * 600, 0) == b"a" * 600
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"a" * 600, 600)
    assert request._bmnn_upload_too_large
    vault = rf.post("/")
    vault.resolver_match = resolve(reverse("ops:vault-upload", args=[1]))
    assert LimitedUploadHandler(vault).receive_data_chunk(b"a" * 4000, 0) == b"a" * 4000


# ---- the check slots: a bounded number of checks at once, the rest refused at once -------------------------


@contextlib.contextmanager
def all_slots_taken(settings, slots: int = 2):
    """Another upload's checks hold every slot of the installation (as two other requests would)."""
    settings.BMNN_UPLOAD_SCAN_CONCURRENCY = slots
    with contextlib.ExitStack() as held:
        for _ in range(slots):
            held.enter_context(scan_slot())
        yield


def test_with_every_check_slot_taken_an_upload_is_refused_at_once_and_nothing_changes(world, settings):
    """Issue 12: at most BMNN_UPLOAD_SCAN_CONCURRENCY checks run at once across the installation; with all of
    them taken an upload is refused at once, before the file is read ("try again later"), so no more web threads
    than that ever wait on checks. Nothing is stored, nothing audited; with a slot free the same upload passes."""
    plan = world.department_plan(issue=False)
    before = list(operation_events())
    with all_slots_taken(settings), pytest.raises(ScanBusy, match="Hệ thống đang kiểm tra tệp khác, vui lòng thử lại"):
        plan_attach(
            actor=world.cast.director, plan=plan, files=[SimpleUploadedFile("phu-luc.pdf", text_pdf("Phụ lục"))]
        )
    assert list(operation_events()) == before and nothing_stored(settings)
    saved = plan_attach(
        actor=world.cast.director, plan=plan, files=[SimpleUploadedFile("phu-luc.pdf", text_pdf("Phụ lục"))]
    )
    assert [e.name for e in saved] == ["phu-luc.pdf"]


def test_with_every_check_slot_taken_the_screen_and_the_api_answer_503_in_vietnamese(world, client, settings):
    """Issue 12: the refusal is "service unavailable, try again" (503, Retry-After) on the screen and the API."""
    plan = world.department_plan()
    mine = open_tasks([world.cast.school.pk]).filter(assignment__task__plan=plan, assignment__task__order=1).get()
    client.force_login(world.principal)
    before = list(operation_events())
    with all_slots_taken(settings, slots=1):
        page = client.post(
            reverse("ops:task-report", args=[mine.pk]),
            {"text": "Đã tự kiểm tra.", "files": [SimpleUploadedFile("bien-ban.pdf", text_pdf("Biên bản"))]},
        )
        api = client.post(
            f"/api/plan-tasks/{mine.pk}/report/",
            {"text": "Đã tự kiểm tra.", "files": [SimpleUploadedFile("bien-ban.pdf", text_pdf("Biên bản"))]},
        )
    assert page.status_code == 503 and page["Retry-After"]
    assert "Hệ thống đang kiểm tra tệp khác, vui lòng thử lại sau" in page.content.decode()
    assert api.status_code == 503 and "đang kiểm tra tệp khác" in api.json()["detail"]
    mine.refresh_from_db()
    assert mine.events.count() == 0 and nothing_stored(settings) and list(operation_events()) == before


def test_a_check_that_hits_a_cap_gives_its_slot_back(world, settings):
    """Issue 12: with a single slot, a check killed at its time cap frees it: the next upload is checked."""
    settings.BMNN_UPLOAD_SCAN_CONCURRENCY = 1
    settings.BMNN_UPLOAD_SCAN_SECONDS = 0.01
    _attach_refused(world, settings, SimpleUploadedFile("ban-quet.pdf", image_pdf(1)), "thời gian")
    settings.BMNN_UPLOAD_SCAN_SECONDS = 30
    assert scan_upload(text_pdf("Phụ lục"), "phu-luc.pdf").status == CLEAN


def test_the_files_of_one_request_share_one_time_cap(world, settings, monkeypatch):
    """Issue 12: a request with several files never waits longer than one cap for all of them: each file is
    checked within what is left of it (here the first file used it all, so the second is refused unchecked)."""
    seen: list[float] = []
    real = uploadscan.scan_upload

    def spending(source, name="", caps=None):
        seen.append(caps.seconds)
        return real(source, name, caps)

    clock = iter([0.0, 0.0, 31.0])  # started; first file at 0 s; second file after 31 s of a 30 s cap
    monkeypatch.setattr(uploadscan, "scan_upload", spending)
    monkeypatch.setattr(uploadscan, "_clock", lambda: next(clock))
    settings.BMNN_UPLOAD_SCAN_SECONDS = 30
    with pytest.raises(DomainError, match=re.escape('"b.pdf" không kiểm tra được dấu độ mật (quá thời gian kiểm tra')):
        uploadscan.require_clean(
            [SimpleUploadedFile("a.pdf", text_pdf("Phụ lục")), SimpleUploadedFile("b.pdf", text_pdf("Phụ lục"))],
            rule="P1",
        )
    assert seen == [30.0]  # the second file was refused without a check


def test_the_deploy_examples_keep_a_check_below_gunicorns_timeout_and_that_below_nginxs():
    """Issue 12: a check (its cap and the 2 s backstop) ends before gunicorn's worker timeout, which ends before
    nginx's proxy timeout, and the slots are fewer than the threads, so hostile uploads cannot take the site down."""
    root = Path(__file__).resolve().parents[2]
    unit = (root / "deploy/systemd/bmnn.service").read_text(encoding="utf-8")
    nginx = (root / "deploy/nginx/bmnn.conf").read_text(encoding="utf-8")
    env = (root / "deploy/bmnn.env.example").read_text(encoding="utf-8")
    gunicorn_timeout = int(re.search(r"--timeout (\d+)", unit).group(1))
    threads = int(re.search(r"--workers (\d+)", unit).group(1)) * int(re.search(r"--threads (\d+)", unit).group(1))
    proxy_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", nginx).group(1))
    seconds = float(re.search(r"^#? ?BMNN_UPLOAD_SCAN_SECONDS=(\d+)", env, re.M).group(1))
    concurrency = int(re.search(r"^#? ?BMNN_UPLOAD_SCAN_CONCURRENCY=(\d+)", env, re.M).group(1))
    assert seconds == django_settings.BMNN_UPLOAD_SCAN_SECONDS and concurrency == 2
    assert seconds + 2 < gunicorn_timeout < proxy_timeout
    assert concurrency < threads

"""`bmnn audit verify|checkpoint|baseline`: check the hash chain and the records, export signed heads."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.audit.checkpoint import SigningKeyUnavailable, check_against, make_checkpoint, write_key
from bmnn.audit.deep import baseline, deep_check
from bmnn.audit.models import ChainHead
from bmnn.audit.verify import SEGMENT, Resume, VerifyResult, verify
from bmnn.core import channel

SHOWN = 50  # mismatching records listed by --deep; the count covers all


class Command(BaseCommand):
    help = (
        "Kiểm tra tính toàn vẹn của nhật ký (verify), xuất điểm kiểm tra có chữ ký (checkpoint), "
        "lập trạng thái gốc cho các đối tượng có từ trước (baseline)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        v = sub.add_parser("verify", help="kiểm tra chuỗi băm")
        v.add_argument("--checkpoint", type=Path, help="đối chiếu với một điểm kiểm tra đã ký")
        v.add_argument(
            "--deep",
            action="store_true",
            help="đối chiếu trạng thái hiện tại của từng hồ sơ, bản sao, lượt giao, dãy số với nhật ký",
        )
        v.add_argument(
            "--workers",
            type=int,
            default=0,
            help="số tiến trình kiểm tra song song (mặc định: tự chọn theo số lõi và độ dài nhật ký)",
        )
        v.add_argument(
            "--resume", type=Path, help="tệp ghi tiến độ: tiếp tục từ lần kiểm tra bị dừng, xóa khi kiểm tra xong"
        )
        v.add_argument("--progress", action="store_true", help="in dòng tiến độ (mặc định khi chạy trên terminal)")
        c = sub.add_parser("checkpoint", help="ký đầu chuỗi hiện tại")
        c.add_argument("-o", "--output", type=Path, help="ghi ra tệp (mặc định: in ra màn hình)")
        sub.add_parser("baseline", help="ghi trạng thái gốc cho đối tượng chưa có trong nhật ký (một lần)")
        k = sub.add_parser("keygen", help="tạo khóa ký nhật ký (một lần, khi cài đặt), ngoài thư mục dữ liệu")
        k.add_argument("path", type=Path, help="đường dẫn tệp khóa, ví dụ /etc/bmnn/audit-signing.pem")

    def handle(self, *args: Any, **options: Any) -> None:
        with channel.using(channel.Channel.SYSTEM):  # system jobs: their events name the system
            self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        if options["action"] == "verify":
            self._verify(options)
        elif options["action"] == "baseline":
            self._baseline()
        elif options["action"] == "keygen":
            self._keygen(options["path"])
        else:
            self._checkpoint(options.get("output"))

    def _walk(self, options: dict[str, Any], collect_states: bool) -> VerifyResult:
        resume_file: Path | None = options.get("resume")
        if resume_file is not None and collect_states:
            raise CommandError(_("--resume cannot be used with --deep: a deep check must reread the whole log."))
        resume = None
        if resume_file is not None and resume_file.exists():
            try:
                resume = Resume(**json.loads(resume_file.read_text(encoding="utf-8")))
            except (ValueError, TypeError) as exc:
                raise CommandError(
                    _("Cannot read the progress file {resume_file}: {exc}").format(resume_file=resume_file, exc=exc)
                ) from exc
        workers = options.get("workers") or 0
        if workers <= 0:
            head = ChainHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
            workers = min(os.cpu_count() or 1, 4) if head > 2 * SEGMENT else 1
        show = options.get("progress") or sys.stderr.isatty()
        started = time.monotonic()

        def progress(done: int) -> None:
            if show:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stderr.write(f"\rĐã kiểm tra {done:,} sự kiện ({rate:,.0f} sự kiện/giây)", ending="")
                self.stderr.flush()

        def save(point: Resume) -> None:
            if resume_file is not None:
                partial = resume_file.with_suffix(".tmp")
                partial.write_text(json.dumps(point.__dict__), encoding="utf-8")
                partial.replace(resume_file)

        try:
            result = verify(
                workers=workers, resume=resume, collect_states=collect_states, on_progress=progress, on_segment=save
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if show:
            self.stderr.write("")
        if result.ok and resume_file is not None:
            resume_file.unlink(missing_ok=True)
        return result

    def _verify(self, options: dict[str, Any]) -> None:
        result = self._walk(options, collect_states=options["deep"])
        if not result.ok:
            raise CommandError(
                _("THE LOG HAS BEEN TAMPERED WITH: event #{bad_seq}: {problem}").format(
                    bad_seq=result.bad_seq, problem=result.problem
                )
            )
        checkpoint_file: Path | None = options.get("checkpoint")
        if checkpoint_file is not None:
            problem = check_against(json.loads(checkpoint_file.read_text(encoding="utf-8")))
            if problem:
                raise CommandError(_("THE LOG DOES NOT MATCH THE CHECKPOINT: {problem}").format(problem=problem))
        self.stdout.write(
            f"Nhật ký toàn vẹn: {result.checked} sự kiện, đầu chuỗi #{result.head_seq} {result.head_hash}"
        )
        if options["deep"]:
            deep = deep_check(result.states)
            if deep.mismatches and result.head_seq:  # operations committed since the walk: add their events
                with contextlib.suppress(ValueError):  # the walked head is gone: the first answer stands
                    later = verify(
                        resume=Resume(result.head_seq, result.head_hash, result.checked), collect_states=True
                    )
                    if later.ok and later.head_seq > result.head_seq:
                        deep = deep_check({**result.states, **later.states})
            found = deep.mismatches
            if found:
                listed = "\n".join(f"  {m}" for m in found[:SHOWN])
                more = (
                    _("\n  ... and {count} other objects").format(count=len(found) - SHOWN)
                    if len(found) > SHOWN
                    else ""
                )
                raise CommandError(
                    _("DATA DOES NOT MATCH THE LOG: {count} objects\n{listed}{more}").format(
                        count=len(found), listed=listed, more=more
                    )
                )
            self.stdout.write(f"Dữ liệu khớp nhật ký: {deep.checked} đối tượng đã đối chiếu")

    def _baseline(self) -> None:
        result = verify(collect_states=True)
        if not result.ok:
            raise CommandError(
                _("THE LOG HAS BEEN TAMPERED WITH: event #{bad_seq}: {problem}").format(
                    bad_seq=result.bad_seq, problem=result.problem
                )
            )
        written = baseline(result.states)
        self.stdout.write(f"Đã lập trạng thái gốc cho {written} đối tượng chưa có trong nhật ký.")

    def _keygen(self, path: Path) -> None:
        try:
            key = write_key(path.expanduser().absolute())
        except (SigningKeyUnavailable, OSError) as exc:
            raise CommandError(str(exc)) from exc
        raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.stdout.write(
            f"Đã tạo khóa ký nhật ký {path} (chỉ chủ sở hữu được đọc). Đặt BMNN_SIGNING_KEY={path} "
            "trong tệp môi trường; không để khóa trong thư mục dữ liệu hay bản sao lưu.\n"
            f"Khóa công khai (gửi cấp trên đăng ký): {base64.b64encode(raw).decode()}"
        )

    def _checkpoint(self, output: Path | None) -> None:
        try:
            with transaction.atomic():
                checkpoint = make_checkpoint()
                record(
                    None,
                    "audit.checkpoint.signed",
                    basis="S5",
                    data={"seq": checkpoint["seq"], "hash": checkpoint["hash"]},
                )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        text = json.dumps(checkpoint, ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Đã ghi điểm kiểm tra #{checkpoint['seq']} vào {output}")
        else:
            self.stdout.write(text)

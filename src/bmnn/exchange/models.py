"""Packages of electronic secrets exchanged with other installations, and the installations we exchange with.

The LAN has no link outside: a package is a file the clerk carries out of band (a medium, the government's secure
channel). What the database keeps of a package is its identity, its checks and its outcome, never the secret's
content; the document package itself is encrypted to the recipient and not kept here (R27, S6).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.org.models import Organisation
from bmnn.registry.models import Carrier

PERSON = settings.AUTH_USER_MODEL


class Peer(models.Model):
    """An agency at another installation: its public keys, registered by an administrator (R27, R28).

    ``signing_public_key`` verifies the agency's signature on its packages; ``transport_public_key`` is the key the
    packages sent to it are encrypted to.
    """

    name = models.CharField(_("cơ quan, tổ chức"), max_length=200)
    installation = models.CharField(_("hệ thống (nơi đặt, ghi chú)"), max_length=200, blank=True)
    signing_public_key = models.CharField(_("khóa công khai ký số (Ed25519, base64)"), max_length=64, unique=True)
    transport_public_key = models.CharField(_("khóa công khai mã hóa (X25519, base64)"), max_length=64)
    registered_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("đăng ký lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hệ thống nhận, gửi tài liệu điện tử mật")
        verbose_name_plural = _("hệ thống nhận, gửi tài liệu điện tử mật")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name + (f" ({self.installation})" if self.installation else "")


class PackageKind(models.TextChoices):
    DOCUMENT = "DOCUMENT", _("Tài liệu điện tử mật")
    ERROR = "ERROR", _("Báo lỗi")
    RECALL = "RECALL", _("Thu hồi")
    CONFIRMATION = "CONFIRMATION", _("Xác nhận đã xóa")


class PackageStatus(models.TextChoices):
    SENT = "SENT", _("Đã xuất gói, chờ nơi nhận")
    REJECTED_BY_RECIPIENT = "REJECTED_BY_RECIPIENT", _("Nơi nhận báo lỗi")
    RECALLED = "RECALLED", _("Đã thu hồi, chờ xác nhận xóa")
    RECALL_CONFIRMED = "RECALL_CONFIRMED", _("Nơi nhận đã xác nhận xóa")
    RECEIVED = "RECEIVED", _("Đã kiểm tra và vào sổ đến")
    REJECTED = "REJECTED", _("Không đạt kiểm tra, đã lập gói báo lỗi")
    ERASED = "ERASED", _("Đã xóa theo yêu cầu thu hồi")
    ISSUED = "ISSUED", _("Đã lập")
    IMPORTED = "IMPORTED", _("Đã nhập")


class Package(models.Model):
    """One package made or imported here: a document sent or received, an error reply, a recall, a confirmation.

    ``content`` keeps the signed packages that carry no secret (an error reply, a recall, a confirmation) so the
    clerk can export them again; a document package is never kept (it is encrypted to its recipient).
    """

    class Direction(models.TextChoices):
        OUT = "OUT", _("Gửi đi")
        IN = "IN", _("Nhận về")

    package_id = models.CharField(_("mã gói"), max_length=36)
    direction = models.CharField(_("chiều"), max_length=3, choices=Direction.choices)
    kind = models.CharField(_("loại gói"), max_length=12, choices=PackageKind.choices)
    status = models.CharField(_("tình trạng"), max_length=24, choices=PackageStatus.choices)
    agency = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    peer = models.ForeignKey(
        Peer, models.PROTECT, null=True, blank=True, related_name="packages", verbose_name=_("cơ quan gửi / nhận")
    )
    carrier = models.ForeignKey(
        Carrier, models.PROTECT, null=True, blank=True, related_name="packages", verbose_name=_("BMNN")
    )
    refers_to = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="replies", verbose_name=_("gói liên quan")
    )
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    reason = models.TextField(_("kết quả kiểm tra, lý do"), max_length=TEXT_MAX, blank=True)
    checks = models.JSONField(_("các bước kiểm tra"), default=dict, blank=True)
    content = models.BinaryField(_("gói (không chứa nội dung mật)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(PERSON, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"))
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("gói trao đổi")
        verbose_name_plural = _("gói trao đổi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "direction", "package_id"], name="one_package_per_agency_direction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.package_id[:8]} – {self.peer or '?'}"

"""Encrypted files of a record (S6): metadata in the database, the ciphertext in the vault directory."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.registry.models import Carrier


class StoredFile(models.Model):
    """One file of a record, encrypted under its own data key; the data key is kept wrapped by the KEK.

    Nothing derived from the content is kept: no text, preview, hash of the plaintext or page image.
    After crypto-erasure (R36) the wrapped key is gone and ``erased_at`` says when.
    """

    carrier = models.ForeignKey(
        Carrier, models.PROTECT, related_name="vault_files", verbose_name=_("State secret record")
    )
    name = models.CharField(_("file name"), max_length=255)
    mime = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    blob = models.CharField(max_length=64, unique=True)  # random name of the ciphertext in the vault directory
    kek_id = models.CharField(max_length=32, blank=True)  # fingerprint of the key wrapping ``wrapped_key``
    wrapped_key = models.BinaryField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    erased_at = models.DateTimeField(_("irrecoverably deleted at"), null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("deleted by")
    )

    class Meta:
        ordering = ["carrier_id", "pk"]
        verbose_name = _("secret electronic file")
        verbose_name_plural = _("secret electronic file")

    def __str__(self) -> str:
        return f"{self.name} ({self.carrier})"

    @property
    def erased(self) -> bool:
        return self.erased_at is not None


class KeyState(models.Model):
    """One row: the fingerprint of the key-encryption key in force. Storing a file and rotating the key lock it,
    so no data key is ever wrapped under a key a concurrent rotation is retiring; starting checks the key file
    against it, so a wrong key is refused even before any file is stored."""

    kek_id = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("vault encryption key")

    def __str__(self) -> str:
        return self.kek_id


def key_state_locked() -> KeyState:
    """The key state row, locked for the caller's transaction (created on first use)."""
    KeyState.objects.get_or_create(pk=1)
    return KeyState.objects.select_for_update().get(pk=1)

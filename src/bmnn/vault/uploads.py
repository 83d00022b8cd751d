"""Upload handler that encrypts a vault upload as it arrives: no byte reaches memory beyond one chunk or disk in clear.

Django's default handlers keep small uploads in memory and spool large ones to the temporary directory in
clear; for the vault's upload screen and endpoint this handler runs first, encrypts each chunk under a fresh
data key straight into the vault directory and stops the others (S6). Every other upload passes through.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers

from . import crypto, storage

VAULT_ROUTES = {"ops:vault-upload", "api:vault-upload", "ops:vault-digitise", "api:vault-digitise"}


class EncryptedUpload:
    """What the handler hands the form: where the ciphertext is and the (unwrapped) data key, in memory only."""

    def __init__(self, name: str, content_type: str, blob: str, data_key: bytes, size: int, head: bytes) -> None:
        self.name, self.content_type, self.blob = name, content_type, blob
        self.data_key, self.size, self.head = data_key, size, head
        self.kept = False  # set once a stored file owns the ciphertext
        self.converted_from = ""  # the image format of a scan converted to PDF in memory ("JPEG", "TIFF")

    def discard(self) -> None:
        storage.destroy_blob(self.blob)

    def close(self) -> None:
        """Called when the request ends (HttpRequest.close): an upload no operation kept is destroyed (S6)."""
        if not self.kept:
            self.discard()


class VaultUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self._writer: crypto.ChunkWriter | None = None
        self._out: Any = None

    def _is_vault_upload(self) -> bool:
        match = getattr(self.request, "resolver_match", None)
        return match is not None and match.view_name in VAULT_ROUTES

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if not self._is_vault_upload():
            return
        self._data_key = crypto.new_key()
        self._blob, self._out = storage.new_blob()
        self._writer = crypto.ChunkWriter(self._data_key, self._out)
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self._writer is None:
            return raw_data
        self._writer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> Any:  # an EncryptedUpload stands in for Django's UploadedFile
        if self._writer is None:
            return None
        self._writer.close()
        self._out.close()
        upload = EncryptedUpload(
            self.file_name or "tep",
            self.content_type or "application/octet-stream",
            self._blob,
            self._data_key,
            self._writer.size,
            self._writer.head,
        )
        self._writer = None
        return upload

    def upload_interrupted(self) -> None:
        if self._writer is not None:
            self._out.close()
            storage.destroy_blob(self._blob)
            self._writer = None

    def upload_complete(self) -> None:
        """A file left unfinished (the upload stopped past its size limit): its partial ciphertext is destroyed."""
        self.upload_interrupted()

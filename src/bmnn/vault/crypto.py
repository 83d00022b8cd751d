"""Envelope encryption of vault files: AES-256-GCM in fixed-size chunks, each file under its own data key.

A stored file is a header followed by chunks. Chunk ``i`` is ``AESGCM(data_key).encrypt(nonce_i, plain_i,
aad_i)`` with ``nonce_i = prefix || i`` (a random 8-byte prefix per file, a 4-byte big-endian index) and
``aad_i = header || i || final``, so a chunk cannot be moved, dropped, or the file cut short without the
authentication failing. Memory stays bounded by one chunk however large the file is (S6). The chunk size is in
the header, so a file reads back whatever chunk size it was written with.

Data keys are wrapped (AES-256-GCM) under the installation's key-encryption key; rotating that key
re-wraps data keys and never touches the chunks. This module knows nothing of Django.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"BMNNVLT1"
CHUNK_SIZE = 1024 * 1024
MAX_CHUNK = 64 * CHUNK_SIZE  # the largest chunk size a header may give
TAG = 16
KEY_BYTES = 32
_HEADER = struct.Struct(">8s8sI")  # magic, nonce prefix, chunk size


class CorruptCiphertext(Exception):
    """The stored file fails authentication: altered, cut short, or under another key."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def fingerprint(kek: bytes) -> str:
    """A public identifier of a key-encryption key (which key wrapped a data key); reveals nothing of it."""
    return hashlib.sha256(b"bmnn-vault-kek-id\x00" + kek).hexdigest()[:32]


def wrap(kek: bytes, data_key: bytes, label: str) -> bytes:
    """``data_key`` encrypted under ``kek``, bound to ``label`` (the file's storage name)."""
    nonce = os.urandom(12)
    return nonce + AESGCM(kek).encrypt(nonce, data_key, b"bmnn-vault-dek\x00" + label.encode())


def unwrap(kek: bytes, wrapped: bytes, label: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], b"bmnn-vault-dek\x00" + label.encode())
    except (InvalidTag, ValueError) as exc:
        raise CorruptCiphertext("data key does not unwrap") from exc


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if final else 0)


class ChunkWriter:
    """Encrypt what is written into ``out`` one chunk at a time; ``close()`` seals the final chunk."""

    def __init__(self, data_key: bytes, out: BinaryIO, chunk_size: int = CHUNK_SIZE) -> None:
        self._aead = AESGCM(data_key)
        self._prefix = os.urandom(8)
        self._chunk_size = chunk_size
        self._header = _HEADER.pack(MAGIC, self._prefix, chunk_size)
        self._out = out
        self._buffer = bytearray(chunk_size)  # one chunk, reused: memory stays bounded and nothing is re-allocated
        self._view = memoryview(self._buffer)
        self._fill = 0
        self._index = 0
        self.size = 0  # plaintext bytes received
        self.head = b""  # the first bytes of the plaintext, kept in memory only (type check)
        out.write(self._header)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        view = memoryview(data).cast("B")
        if len(self.head) < 8:
            self.head += bytes(view[: 8 - len(self.head)])
        self.size += len(view)
        while view:
            # A full chunk is sealed only once more data arrives: the last chunk must be sealed as final.
            if self._fill == self._chunk_size:
                self._seal(self._view, final=False)
                self._fill = 0
            take = min(len(view), self._chunk_size - self._fill)
            self._view[self._fill : self._fill + take] = view[:take]
            self._fill += take
            view = view[take:]

    def write_from(self, source: BinaryIO) -> None:
        """Encrypt everything ``source`` holds, read straight into the chunk buffer (no copy of the plaintext)."""
        readinto = getattr(source, "readinto", None)
        if readinto is None:
            while piece := source.read(self._chunk_size):
                self.write(piece)
            return
        while True:
            if self._fill == self._chunk_size:
                self._seal(self._view, final=False)
                self._fill = 0
            got = readinto(self._view[self._fill :])
            if not got:
                return
            if len(self.head) < 8:
                self.head += bytes(self._view[self._fill : self._fill + min(got, 8 - len(self.head))])
            self._fill += got
            self.size += got

    def close(self) -> None:
        self._seal(self._view[: self._fill], final=True)
        self._fill = 0

    def _seal(self, plain: memoryview, *, final: bool) -> None:
        if self._index >= 2**32 - 1:
            raise ValueError("file too large for one data key")
        nonce = self._prefix + struct.pack(">I", self._index)
        self._out.write(self._aead.encrypt(nonce, plain, _aad(self._header, self._index, final)))
        self._index += 1


def decrypt_chunks(data_key: bytes, source: BinaryIO) -> Iterator[bytes]:
    """The plaintext of an encrypted file, chunk by chunk; raise CorruptCiphertext on any alteration."""
    header = source.read(_HEADER.size)
    if len(header) != _HEADER.size:
        raise CorruptCiphertext("header missing")
    magic, prefix, chunk_size = _HEADER.unpack(header)
    if magic != MAGIC or not 0 < chunk_size <= MAX_CHUNK:
        raise CorruptCiphertext("not a vault file")
    aead = AESGCM(data_key)
    block = source.read(chunk_size + TAG)
    index = 0
    while True:
        following = source.read(chunk_size + TAG)
        final = not following
        try:
            yield aead.decrypt(prefix + struct.pack(">I", index), block, _aad(header, index, final))
        except (InvalidTag, ValueError) as exc:
            raise CorruptCiphertext(f"chunk {index} fails authentication") from exc
        if final:
            return
        block, index = following, index + 1


class DecryptingReader(io.RawIOBase):
    """A seekable, read-only view of an encrypted file's plaintext, one chunk in memory at a time.

    PDFium reads the document through it (random access), so rendering a page decrypts only the chunks that
    page needs and memory stays bounded by one chunk. The last chunk is authenticated on opening, so a file cut
    short at a chunk boundary is refused at once; every other chunk is authenticated when it is read.
    """

    def __init__(self, data_key: bytes, source: BinaryIO) -> None:
        super().__init__()
        header = source.read(_HEADER.size)
        if len(header) != _HEADER.size:
            raise CorruptCiphertext("header missing")
        magic, self._prefix, self._chunk = _HEADER.unpack(header)
        if magic != MAGIC or not 0 < self._chunk <= MAX_CHUNK:
            raise CorruptCiphertext("not a vault file")
        self._aead, self._source, self._header = AESGCM(data_key), source, header
        block = self._chunk + TAG
        total = source.seek(0, io.SEEK_END) - _HEADER.size
        self._count = max(1, -(-total // block))
        last = total - (self._count - 1) * block
        if last < TAG:
            raise CorruptCiphertext("file cut short")
        self.size = (self._count - 1) * self._chunk + last - TAG
        self._cached: tuple[int, bytes] = (-1, b"")
        self._pos = 0
        self._plain(self._count - 1)

    def _plain(self, index: int) -> bytes:
        if self._cached[0] != index:
            self._source.seek(_HEADER.size + index * (self._chunk + TAG))
            block = self._source.read(self._chunk + TAG)
            final = index == self._count - 1
            try:
                plain = self._aead.decrypt(
                    self._prefix + struct.pack(">I", index), block, _aad(self._header, index, final)
                )
            except (InvalidTag, ValueError) as exc:
                raise CorruptCiphertext(f"chunk {index} fails authentication") from exc
            self._cached = (index, plain)
        return self._cached[1]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), self.size - self._pos)
        done = 0
        while done < wanted:
            index, offset = divmod(self._pos, self._chunk)
            plain = self._plain(index)
            take = min(wanted - done, len(plain) - offset)
            view[done : done + take] = plain[offset : offset + take]
            done += take
            self._pos += take
        return done

    def close(self) -> None:
        self._cached = (-1, b"")
        self._source.close()
        super().close()

"""The optional re-scan cache: path, size, modification time, SHA-256 and verdict, nothing else.

No extracted text and no marks are stored. Only files found clean are taken from the cache;
secret files are read again so that their marks can be shown.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3

from .model import ScanResult, Verdict

__all__ = ["ScanCache"]


class ScanCache:
    """A small SQLite file that remembers the verdicts of files already scanned."""

    def __init__(self, filename: str | os.PathLike[str]) -> None:
        self._db = sqlite3.connect(os.fspath(filename))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS scanned (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,"
            " sha256 TEXT, verdict TEXT)"
        )

    def lookup(self, path: str) -> ScanResult | None:
        """Return a clean result for ``path`` when the file has not changed since it was found clean."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        row = self._db.execute("SELECT size, mtime_ns, sha256, verdict FROM scanned WHERE path = ?", (path,)).fetchone()
        if row is None or row[3] != Verdict.CLEAN.value or row[0] != info.st_size:
            return None
        if row[1] != info.st_mtime_ns and _sha256(path) != row[2]:
            return None
        return ScanResult(path=path, verdict=Verdict.CLEAN)

    def store(self, path: str, result: ScanResult) -> None:
        """Remember the verdict of ``path`` (errors are not remembered)."""
        if result.verdict is Verdict.ERROR:
            return
        try:
            info = os.stat(path)
            digest = _sha256(path)
        except OSError:
            return
        self._db.execute(
            "INSERT OR REPLACE INTO scanned VALUES (?, ?, ?, ?, ?)",
            (path, info.st_size, info.st_mtime_ns, digest, result.verdict.value),
        )

    def close(self) -> None:
        """Write the cache to disk and close it."""
        self._db.commit()
        self._db.close()


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

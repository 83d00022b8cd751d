"""A scan uploaded as an image (JPEG, PNG, TIFF, a multi-page TIFF too) becomes a PDF (S6, issue 12).

Only the first bytes are looked at here, to tell the format. The image itself is decoded and written as a PDF by
the capped child (``bmnn.scan.tasks``, task ``image-pdf``), never in the web process; its plaintext reaches the
child through a pipe and the PDF comes back in an anonymous in-memory file, so no clear byte reaches the disk.
"""

from __future__ import annotations

# The first bytes of each image format the vault takes as a scan.
SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def image_format(head: bytes) -> str:
    """The image format the first bytes announce ("JPEG", "PNG", "TIFF"), or "" for anything else."""
    return next((fmt for magic, fmt in SIGNATURES.items() if head.startswith(magic)), "")

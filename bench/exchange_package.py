"""Benchmark: making and opening an exchange package (R27, R28) for documents of 1, 5 and 20 MiB.

    .venv/bin/python bench/exchange_package.py          # 3 runs each
    .venv/bin/python bench/exchange_package.py 5        # 5 runs

Rows (seconds, best and median): the sender's side (the signer's signature over the metadata, the inner archive,
X25519 + AES-256-GCM encryption, the agency's signature over envelope and payload, the zip) and the recipient's side
(reading the zip, verifying the agency's signature, decrypting, reading the inner archive, verifying the signer's
signature, SHA-256 of each file). Page counting (PDFium) and the vault's own encryption are not included (see
bench/vault.py). Needs no database: it times bmnn.exchange.package directly.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from bmnn.exchange import package
from bmnn.exchange.keys import public_b64


def make(content: bytes, agency: Ed25519PrivateKey, signer: Ed25519PrivateKey, recipient: str) -> bytes:
    document = {
        "number": "1/KH-SGDĐT",
        "files": [{"name": "a.pdf", "sha256": package.sha256(content)}],
        "signer": {"public_key": public_b64(signer)},
    }
    ephemeral, fields = package.encryption_fields(recipient)
    envelope = {"kind": "DOCUMENT", "package_id": str(uuid.uuid4()), **fields}
    inner = package.document_archive(document, signer, [content])
    return package.seal(envelope, package.encrypt(envelope, ephemeral, inner), agency)


def open_(blob: bytes, agency_public: str, transport: X25519PrivateKey) -> None:
    sealed = package.open_sealed(blob)
    assert package.verify_agency(sealed, agency_public)  # noqa: S101 - a benchmark's own sanity check
    inner = package.decrypt(sealed, transport)
    assert inner is not None  # noqa: S101
    data, document, signature, files = package.read_document(inner)
    assert package.verify_signer(data, signature, document["signer"]["public_key"])  # noqa: S101
    assert [package.sha256(f) for f in files] == [f["sha256"] for f in document["files"]]  # noqa: S101


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    agency, signer, transport = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    print("| size | make (best / median s) | open and check (best / median s) | MiB/s make / open (best) |")
    print("|---|---|---|---|")
    for mib in (1, 5, 20):
        content = os.urandom(mib * 1024 * 1024)
        blob = make(content, agency, signer, public_b64(transport))
        made = timed(lambda c=content: make(c, agency, signer, public_b64(transport)), runs)
        opened = timed(lambda b=blob: open_(b, public_b64(agency), transport), runs)
        print(
            f"| {mib} MiB | {min(made):.3f} / {statistics.median(made):.3f} | {min(opened):.3f} / "
            f"{statistics.median(opened):.3f} | {mib / min(made):.0f} / {mib / min(opened):.0f} |"
        )


if __name__ == "__main__":
    main()

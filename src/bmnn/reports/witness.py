"""The superior as an outside witness of each subordinate's audit log (S5, P5).

Every annual report package carries the subordinate's signed checkpoint of its audit chain and, as
anchors, the current hashes of the events at which its earlier packages were checkpointed. The
superior keeps each imported package; on the next import the new checkpoint must extend the one it
holds: its anchor at the held sequence number must carry the held hash. A chain rewritten or cut
since the last package cannot produce that anchor, so the package is refused.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from bmnn.audit.checkpoint import hashes_at, make_checkpoint, signature_problem
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.org.models import Organisation

from .models import ImportedReport

EXPORTED = "reports.package.exported"


def audit_section() -> dict[str, Any]:
    """The signed checkpoint of this installation's verified chain, with anchors at earlier checkpoints."""
    try:
        checkpoint = make_checkpoint()
    except ValueError as exc:
        raise DomainError(_("The report package could not be exported: {exc}").format(exc=exc), rule="S5") from exc
    earlier = sorted(
        {
            int(seq)
            for seq in AuditEvent.objects.filter(action=EXPORTED).values_list("data__checkpoint_seq", flat=True)
            if seq
        }
    )
    held = hashes_at(earlier)
    return {"checkpoint": checkpoint, "anchors": [{"seq": seq, "hash": held.get(seq, "")} for seq in earlier]}


def _held(org: Organisation) -> tuple[int, str] | None:
    """The latest checkpoint of ``org`` this installation already holds from an imported package."""
    best: tuple[int, str] | None = None
    for body in ImportedReport.objects.filter(organisation=org).values_list("data", flat=True):
        checkpoint: Any = (body.get("audit") or {}).get("checkpoint") if isinstance(body, dict) else None
        valid = isinstance(checkpoint, dict) and type(checkpoint.get("seq")) is int
        if valid and (best is None or checkpoint["seq"] > best[0]):
            best = (checkpoint["seq"], str(checkpoint.get("hash", "")))
    return best


def witness_problem(org: Organisation, public_key: str, body: dict[str, Any], *, signed: bool | None = None) -> str:
    """Return "" when the package's checkpoint is validly signed and extends the one held for ``org``.

    ``signed``: whether the checkpoint's signature under ``public_key`` was verified already (by the capped child
    that opened the uploaded package); None verifies it here.
    """
    section = body.get("audit")
    if not isinstance(section, dict) or not isinstance(section.get("anchors"), list):
        return _("The package does not carry the sending unit's audit log checkpoint.")
    checkpoint: Any = section.get("checkpoint")  # untrusted until signature_problem() says otherwise
    if signed is None:
        signed = not signature_problem(checkpoint, public_key)
    if not signed:
        return _("The audit log checkpoint in the package has no valid signature of the sending unit.")
    held = _held(org)
    if held is None:
        return ""
    seq, digest = held
    anchors = {a.get("seq"): a.get("hash") for a in section["anchors"] if isinstance(a, dict)}
    same = (checkpoint["seq"], checkpoint["hash"]) == held
    extends = same or (checkpoint["seq"] > seq and anchors.get(seq) == digest)
    if not extends:
        return _(
            "The audit log of {name} does not continue the checkpoint received earlier (event #{seq}): "
            "the log has been rewritten or truncated."
        ).format(name=org.name, seq=seq)
    return ""

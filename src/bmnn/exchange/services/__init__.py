"""The exchange's operations (R27, R28, R46): register a peer, send, import, recall; each one service function."""

from .common import key_card, key_card_check, peer_register, peer_register_check
from .recall import document_recall, recall_check
from .receiving import import_check, package_import
from .sending import package_send, send_check

__all__ = [
    "document_recall",
    "import_check",
    "key_card",
    "key_card_check",
    "package_import",
    "package_send",
    "peer_register",
    "peer_register_check",
    "recall_check",
    "send_check",
]

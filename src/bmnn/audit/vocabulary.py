"""The closed vocabulary of audit actions. An unregistered action is refused."""

ACTIONS: dict[str, str] = {
    "org.delegation.granted": "Ủy quyền bằng văn bản cho cấp phó",
    "org.delegation.revoked": "Thu hồi ủy quyền",
    "org.person.designated": "Phân công người làm công tác bảo vệ BMNN",
    "catalog.list.changed": "Thay đổi danh mục BMNN",
    "legal.parameter.changed": "Thay đổi tham số pháp lý (thời hạn, thẩm quyền, mẫu sổ)",
    "registry.outgoing.registered": "Xác định độ mật và đăng ký BMNN đi",
    "registry.incoming.received": "Tiếp nhận BMNN đến",
    "registry.incoming.held": "Tạm giữ BMNN đến do sai lệch số lượng, bao bì",
    "registry.incoming.registered": "Đăng ký BMNN đến",
    "registry.incoming.routed_unopened": "Chuyển bì chưa bóc cho người có tên",
    "registry.carrier.assigned": "Phân công xử lý BMNN",
    "registry.handover.created": "Giao BMNN (chờ ký nhận)",
    "registry.handover.confirmed": "Ký nhận BMNN",
    "registry.incident.opened": "Ghi nhận sự cố",
    "approvals.request.submitted": "Đề nghị",
    "approvals.request.approved": "Phê duyệt đề nghị",
    "approvals.request.refused": "Từ chối đề nghị",
    "approvals.request.withdrawn": "Rút đề nghị",
    "audit.checkpoint.signed": "Ký điểm kiểm tra nhật ký",
}


def label(action: str) -> str:
    """Return the Vietnamese description of ``action``."""
    return ACTIONS.get(action, action)

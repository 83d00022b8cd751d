"""The organisation's operations: a person's own API token, and the head's decision on access requests.

Access requests are filed by the administrator in the Django admin (org.admin) when a change would grant
access (a higher clearance, a designation, a delegation); the head decides them here, on the screen, the API
or the command line (bmnn.core.operations).
"""

from __future__ import annotations

from bmnn.core.operations import Operation, Subject

from . import forms as f
from . import selectors, services
from .access import login_unlock, login_unlock_check
from .serializers import AccessRequestSerializer, AccountSerializer, TokenSerializer

ACCOUNT = Subject(
    "account",
    selectors.account_get_for_user,
    page="org:account",
    api="accounts",
    web="tai-khoan",
    present=lambda p: AccountSerializer(p).data,
)
TOKEN = Subject(
    "token",
    lambda person, _pk: person,
    page="org:account",
    api="accounts",
    web="tai-khoan",
    present=lambda t: TokenSerializer(t).data,
    page_pk=lambda t: t.user_id,
)
ACCESS_REQUEST = Subject(
    "access-request",
    selectors.access_request_get_for_user,
    page="org:access-request",
    api="access-requests",
    web="can-bo/de-nghi",
    present=lambda r: AccessRequestSerializer(r).data,
)

OPERATIONS = [
    Operation(
        "token-issue",
        "Cấp mã truy cập API mới",
        subject=ACCOUNT,
        returns=TOKEN,
        check=services.token_check,
        submit="Cấp mã mới",
        web="ma-truy-cap/cap",
        api="token",
        done="Đã cấp mã truy cập API mới; mã cũ (nếu có) hết hiệu lực. Mã hiện ở trang tài khoản.",
        run=lambda actor, person, _data: services.token_issue(actor=actor, person=person),
    ),
    Operation(
        "token-revoke",
        "Thu hồi mã truy cập API",
        subject=ACCOUNT,
        check=services.token_revoke_check,
        submit="Thu hồi mã",
        web="ma-truy-cap/thu-hoi",
        api="token/revoke",
        done="Đã thu hồi mã truy cập API; mã này không còn dùng được.",
        run=lambda actor, person, _data: services.token_revoke(actor=actor, person=person),
    ),
    Operation(
        "access-approve",
        "Phê duyệt đề nghị cấp quyền tiếp cận BMNN",
        form=f.ApproveForm,
        subject=ACCESS_REQUEST,
        check=services.access_decide_check,
        submit="Phê duyệt",
        web="phe-duyet",
        api="approve",
        done="Đã phê duyệt; quyền được áp dụng ngay.",
        run=lambda actor, request, data: services.access_request_approve(actor=actor, request=request, **data),
    ),
    Operation(
        "access-refuse",
        "Từ chối đề nghị cấp quyền tiếp cận BMNN",
        form=f.RefuseForm,
        subject=ACCESS_REQUEST,
        check=services.access_decide_check,
        submit="Từ chối",
        web="tu-choi",
        api="refuse",
        done="Đã từ chối đề nghị.",
        run=lambda actor, request, data: services.access_request_refuse(actor=actor, request=request, **data),
    ),
    Operation(
        "login-unlock",
        "Mở khóa đăng nhập (sau nhiều lần nhập sai mật khẩu)",
        form=f.UnlockForm,
        check=login_unlock_check,
        submit="Mở khóa",
        web="can-bo/mo-khoa-dang-nhap",
        api="login-locks/unlock",
        done=lambda cleared: f"Đã mở khóa; xóa {cleared} bản ghi đăng nhập sai.",
        run=lambda actor, _s, data: login_unlock(
            actor=actor, username=data["username"] or "", ip_address=data["ip_address"] or ""
        ),
    ),
]

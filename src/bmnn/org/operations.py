"""The organisation's operations: a person's own API token, and the head's decision on access requests.

Access requests are filed by the administrator in the Django admin (org.admin) when a change would grant
access (a higher clearance, a designation, a delegation); the head decides them here, on the screen, the API
or the command line (bmnn.core.operations).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
        _("Issue a new API token"),
        subject=ACCOUNT,
        returns=TOKEN,
        check=services.token_check,
        submit=_("Issue a new token"),
        web="ma-truy-cap/cap",
        api="token",
        done=_(
            "A new API token was issued; the old one (if any) no longer works. The token is shown on the account page."
        ),
        run=lambda actor, person, _data: services.token_issue(actor=actor, person=person),
    ),
    Operation(
        "token-revoke",
        _("Revoke the API token"),
        subject=ACCOUNT,
        check=services.token_revoke_check,
        submit=_("Revoke the token"),
        web="ma-truy-cap/thu-hoi",
        api="token/revoke",
        done=_("The API token was revoked; it can no longer be used."),
        run=lambda actor, person, _data: services.token_revoke(actor=actor, person=person),
    ),
    Operation(
        "access-approve",
        _("Approve a state secret access request"),
        form=f.ApproveForm,
        subject=ACCESS_REQUEST,
        check=services.access_decide_check,
        submit=_("Approve"),
        web="phe-duyet",
        api="approve",
        done=_("Approved; the access applies at once."),
        run=lambda actor, request, data: services.access_request_approve(actor=actor, request=request, **data),
    ),
    Operation(
        "access-refuse",
        _("Refuse a state secret access request"),
        form=f.RefuseForm,
        subject=ACCESS_REQUEST,
        check=services.access_decide_check,
        submit=_("Refuse"),
        web="tu-choi",
        api="refuse",
        done=_("The request was refused."),
        run=lambda actor, request, data: services.access_request_refuse(actor=actor, request=request, **data),
    ),
    Operation(
        "login-unlock",
        _("Unlock login (after repeated wrong passwords)"),
        form=f.UnlockForm,
        check=login_unlock_check,
        submit=_("Unlock"),
        web="can-bo/mo-khoa-dang-nhap",
        api="login-locks/unlock",
        done=lambda cleared: _("Unlocked; %d failed login record(s) deleted.") % cleared,
        run=lambda actor, _s, data: login_unlock(
            actor=actor, username=data["username"] or "", ip_address=data["ip_address"] or ""
        ),
    ),
]

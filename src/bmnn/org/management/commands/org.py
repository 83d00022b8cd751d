"""`bmnn org --as USER ...`: one's own API token, and the head's decision on access requests.

The operations (token-issue, token-revoke, access-approve, access-refuse) are the declared ones
(org.operations): same checks, refusals and audit events as the screens and the API. ``token-show``
prints one's own token; ``access-requests`` lists the requests one made, concerns one, or may decide.
"""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token

from bmnn.core.cli import OperationCommand
from bmnn.org import selectors


class Command(OperationCommand):
    help = "Tài khoản và quyền tiếp cận BMNN: mã truy cập API của mình, quyết định đề nghị cấp quyền."
    app = "org"
    reads = {"token-show": "in mã truy cập API của mình", "access-requests": "các đề nghị cấp quyền tiếp cận BMNN"}

    def _token_show(self, actor: Any, _options: dict[str, Any]) -> None:
        token = Token.objects.filter(user=actor).first()
        self.stdout.write(token.key if token is not None else "Chưa có mã truy cập API.")

    def _access_requests(self, actor: Any, _options: dict[str, Any]) -> None:
        for r in selectors.access_requests_visible_to(actor):
            self.stdout.write(
                f"[{r.pk}] {r.requested_at:%d/%m/%Y} {r.get_kind_display()} – {r.person}: "
                f"{r.describe()} ({r.get_status_display()})"
            )

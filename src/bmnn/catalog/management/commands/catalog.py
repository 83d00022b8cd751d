"""`bmnn catalog --as USER ...`: the head's decision on a request to repeal a list of state secrets or an item.

The operations (repeal-approve, repeal-refuse) are the declared ones (catalog.operations); ``repeal-requests``
lists the requests one made or may decide.
"""

from __future__ import annotations

from typing import Any

from bmnn.catalog import selectors
from bmnn.core.cli import OperationCommand


class Command(OperationCommand):
    help = "Danh mục BMNN: quyết định đề nghị bãi bỏ danh mục hoặc mục danh mục."
    app = "catalog"
    reads = {"repeal-requests": "các đề nghị bãi bỏ danh mục BMNN"}

    def _repeal_requests(self, actor: Any, _options: dict[str, Any]) -> None:
        for r in selectors.repeal_requests_visible_to(actor):
            self.stdout.write(
                f"[{r.pk}] {r.requested_at:%d/%m/%Y} {r.describe()} – {r.requester} ({r.get_status_display()})"
            )

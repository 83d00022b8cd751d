"""`bmnn inspections --as USER ...`: self-inspection from a script (P2).

The same forms validate the input and the same services act as in the web UI and the API.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from bmnn.org.cli import ActorCommand
from bmnn.org.models import Person

from .. import _inspection_cli as cli


class Command(ActorCommand):
    help = cli.parser_help()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người thực hiện")
        cli.add_arguments(parser.add_subparsers(dest="action", required=True))

    def run(self, actor: Person, options: dict[str, Any]) -> None:
        self.stdout.write(cli.run(actor, options))

"""`bmnn inspections --as USER ...`: self-inspection from a script (P2).

The same forms validate the input and the same services act as in the web UI and the API.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bmnn.core.errors import DomainError
from bmnn.org.models import Person

from .. import _inspection_cli as cli


class Command(BaseCommand):
    help = cli.parser_help()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người thực hiện")
        cli.add_arguments(parser.add_subparsers(dest="action", required=True))

    def handle(self, *args: Any, **o: Any) -> None:
        actor = Person.objects.filter(username=o["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có cán bộ với tên đăng nhập \"{o['actor']}\".")
        try:
            self.stdout.write(cli.run(actor, o))
        except DomainError as exc:
            raise CommandError(str(exc)) from None

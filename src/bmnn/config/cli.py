"""The `bmnn` console script: manage.py with BMNN's settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "runserver":
        os.environ.setdefault("BMNN_DEBUG", "1")
    from django.core.management import execute_from_command_line

    from bmnn.core import channel

    channel.enter(channel.Channel.COMMAND)  # system jobs (deadlines run, audit ...) say "system" themselves
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

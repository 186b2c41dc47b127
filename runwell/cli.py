"""The `runwell` command: Django's manage.py with a friendlier start-up.

Configuration errors (a bad environment variable) end the command with one line
naming the variable instead of a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")
    from django.core.management import execute_from_command_line

    from runwell.config import ConfigError, prepare_data_dir

    args = list(sys.argv if argv is None else argv)
    if args:
        args[0] = "runwell"
    if len(args) == 1:
        args.append("help")
    try:
        prepare_data_dir()
        execute_from_command_line(args)
    except ConfigError as exc:
        sys.stderr.write(f"runwell: configuration error: {exc}\n")
        raise SystemExit(2) from None

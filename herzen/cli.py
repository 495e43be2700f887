"""The `herzen` console script: Django's management commands with the project's settings.

`herzen demo`, `herzen migrate`, `herzen createtoken ...`, `herzen audit checkpoint|verify|public-key`,
`herzen retention run [--dry-run]`, `herzen rules report [--format csv|json]`, `herzen worker`,
`herzen backup|restore` — one
entry point for operators.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":  # `python -m herzen.cli worker`: how `herzen demo` starts its worker
    main()

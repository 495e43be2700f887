#!/usr/bin/env python
"""Django's command-line utility; `herzen` is the same thing installed as a console script."""

from herzen.cli import main

if __name__ == "__main__":
    main()

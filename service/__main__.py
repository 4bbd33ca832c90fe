"""`python -m service` is the `vanban` command."""

from .cli import main

main()

"""Allow ``python -m kg``."""

from .cli import main

main()

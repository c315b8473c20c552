"""``python -m studio``: the same as the ``troupe`` command."""

from studio.cli import main

main()

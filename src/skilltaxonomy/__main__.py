"""``python -m skilltaxonomy``: the same as the ``skilltaxonomy`` command."""

import sys

from skilltaxonomy.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())

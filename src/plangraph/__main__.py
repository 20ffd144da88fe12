"""``python -m plangraph``: the ``plangraph`` command."""

import sys

from plangraph.cli import main

if __name__ == "__main__":
    sys.exit(main())

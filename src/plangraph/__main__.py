import sys

from plangraph.cli import main

sys.exit(main())

"""``python -m shahid`` is the ``shahid`` command."""

import sys

from shahid.cli import main

sys.exit(main())

"""``python -m mjdesk`` is the ``mjdesk`` command."""

import sys

from .cli import main

sys.exit(main())

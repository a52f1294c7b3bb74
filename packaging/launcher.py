"""Entry point for the packaged app (PyInstaller runs this file)."""

import sys

from mjdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())

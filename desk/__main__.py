"""`python -m desk ...`: the desk's commands and its web server (see desk/cli.py)."""
import sys

from desk.cli import main

sys.exit(main())

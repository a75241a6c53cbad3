import sys

from cleaner.cli.entry import run

sys.exit(run())

import sys

from cleaner.cli.app import main

sys.exit(main())

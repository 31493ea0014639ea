"""``python -m <package> STEP``."""

import sys

from .cli import main

sys.exit(main())

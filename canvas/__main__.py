import sys

from canvas.commands.cli import main

sys.exit(main())

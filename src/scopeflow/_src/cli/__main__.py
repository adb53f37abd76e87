"""``python -m scopeflow._src.cli`` runs the ``scopeflow`` command."""

import sys

from scopeflow._src.cli.main import main

sys.exit(main())

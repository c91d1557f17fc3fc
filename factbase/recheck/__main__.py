"""python -m factbase.recheck SOURCE_ID NEW_TEXT [--data DIR]"""

import sys

from factbase.recheck.cli import main

sys.exit(main())

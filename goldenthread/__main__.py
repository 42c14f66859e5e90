import sys

from goldenthread.cli import main

sys.exit(main())

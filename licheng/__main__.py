import sys

from licheng.publishing.cli import main

sys.exit(main())

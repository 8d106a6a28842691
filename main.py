"""GreenLedger entry point: `python main.py` opens the app; `python main.py --help` lists commands."""

import sys

from cli.main import main

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the table reader's worker process, in a frozen build
    sys.exit(main())

"""``python -m cleanscrape.cli``: the ``cleanscrape`` command."""

from .commands import main

if __name__ == "__main__":
    raise SystemExit(main())

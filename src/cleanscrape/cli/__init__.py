"""The ``cleanscrape`` command: clean, explain, score and learn over files, folders, JSONL, WARC and stdin."""

from .commands import main

__all__ = ["main"]

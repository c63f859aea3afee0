"""The one exception base every cleanscrape error derives from."""


class CleanscrapeError(Exception):
    """Base class: any error cleanscrape raises on purpose."""


class InputError(CleanscrapeError):
    """The input cannot be read or decoded; the message says what to do next."""


class RuleError(CleanscrapeError):
    """A rule or filter setting is malformed."""


class WorkersFailed(CleanscrapeError):
    """A worker process, or the server that starts them, died (killed, out of memory, interrupted)."""

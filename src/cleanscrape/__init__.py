"""cleanscrape: strip boilerplate from scraped web text, explain every removal."""

from .api import clean, default_pipeline, detect_kind, purity, site_lines
from .core.types import Cleaned, Family, Reason, Removal, Segment
from .crawl.site_memory import SiteMemory
from .errors import CleanscrapeError, InputError
from .pipeline import Pipeline
from .stream import clean_many

__version__ = "0.1.0"

__all__ = [
    "Cleaned",
    "CleanscrapeError",
    "Family",
    "InputError",
    "Pipeline",
    "Reason",
    "Removal",
    "Segment",
    "SiteMemory",
    "clean",
    "clean_many",
    "default_pipeline",
    "detect_kind",
    "purity",
    "site_lines",
]

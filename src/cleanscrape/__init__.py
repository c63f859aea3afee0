"""cleanscrape: strip boilerplate from scraped web text, explain every removal."""

from .cleaner import clean, default_pipeline, detect_kind, purity, site_lines
from .errors import CleanscrapeError, InputError
from .model import Cleaned, Family, Reason, Removal, Segment
from .pipeline import Pipeline
from .sitememory import SiteMemory
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

"""cleanscrape: strip boilerplate from scraped web text, explain every removal."""

from .cleaner import clean, default_pipeline, detect_kind, purity
from .errors import CleanscrapeError, InputError
from .model import Cleaned, Family, Reason, Removal, Segment
from .pipeline import Pipeline

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
    "clean",
    "default_pipeline",
    "detect_kind",
    "purity",
]

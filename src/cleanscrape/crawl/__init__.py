"""Whole crawls: WARC records, and site memory of the lines a site repeats on every page."""

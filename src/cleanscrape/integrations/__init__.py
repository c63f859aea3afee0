"""Thin adapters for the frameworks users clean inside; each needs its own extra.

- ``scrapy_pipeline.CleanscrapePipeline``: a Scrapy item pipeline (``cleanscrape[scrapy]``).
- ``datatrove_step.CleanscrapeStep``: a datatrove pipeline step (``cleanscrape[datatrove]``).
- ``dask_bag.clean_bag``: a Dask bag of documents or records, on any cluster (``cleanscrape[dask]``).
"""

"""Training the line model from annotated corpora and the benchmark halves (``cleanscrape learn``)."""

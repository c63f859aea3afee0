"""Learned from annotated pages: the line model, mined patterns, languages, provenance, calibration."""

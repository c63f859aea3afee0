"""The benchmark harness, outside the package: scorers, held-out splits, peer baselines,
reports, the scale and adversarial runs, and the calibration fit.

Run from a checkout: ``python -m bench`` writes the tables into docs/benchmarks.md,
``python -m bench.calibrate`` the shipped provenance model and calibration table. The
benchmark data lives outside the project (``../shared/bench``) and is read at run time,
never copied in. Nothing in ``cleanscrape`` imports this package.
"""

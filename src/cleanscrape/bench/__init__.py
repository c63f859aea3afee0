"""Benchmark harness: scorers, dataset readers, peer baselines and the line aligner.

The benchmark data lives outside the project (``../shared/bench``) and is read at
run time, never copied in.
"""

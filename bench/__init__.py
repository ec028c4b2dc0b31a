"""Benchmarks: `python -m bench [NAME ...]` (or `make bench`) runs each `bench/<NAME>.py`'s `main()`.

Each benchmark prints a table and compares against a baseline measured in the same run; record
the figures in docs/benchmarks.md with the machine and date.
"""

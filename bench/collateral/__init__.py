"""The collateral benchmark: a seeded portfolio generator, a pandas cross-check of the
receivables waterfall, and the child-process measurements that `bench/collateral_bench.py`
runs and tabulates.

Run from the repository root, e.g. `.venv/bin/python bench/collateral_bench.py --size 1M`.
"""

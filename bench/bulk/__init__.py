"""The national-size synthetic data set, loaded into PostgreSQL with COPY (`python -m bench.loadscale`).

See bench/loadscale.py for the command and bench.bulk.load for how it works.
"""

"""The national-size synthetic data set, loaded into PostgreSQL with COPY (`herzen loadscale`).

See herzen/demo/management/commands/loadscale.py for the command and herzen.demo.bulk.load for how it works.
"""

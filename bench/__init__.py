"""Benchmarks (issue 8): `make bench` runs them; see bench/README.md."""

"""Benchmarks of the platform on the embedded servers: `python -m bench` (`make bench`)."""

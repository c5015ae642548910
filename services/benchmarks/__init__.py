"""Benchmarks behind ``dipstream bench``: each prints a table and writes JSON."""

"""Running dipstream's child processes (the worker, the live page, a local Prometheus), for the
CLI (demo, monitor), the benchmarks and the tests.

It sits below all of its users: the benchmarks may not import the CLI, which imports them.
"""

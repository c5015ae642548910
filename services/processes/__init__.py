"""Running ``dipstream worker`` as a child process, for the CLI (demo), the benchmarks and tests.

It sits below both of its users: the benchmarks may not import the CLI, which imports them.
"""

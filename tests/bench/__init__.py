"""The benchmark (``python3 dev.py bench``): see :mod:`tests.bench.run`."""

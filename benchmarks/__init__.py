"""Benchmarks for sphinx-neuron-policy (not tests; run ``python -m benchmarks.run``)."""

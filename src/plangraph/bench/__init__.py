"""Benchmarking plangraph at regional scale: synthetic plans and the timing of every stage."""

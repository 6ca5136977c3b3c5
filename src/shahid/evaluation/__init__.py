"""Evaluation helpers shared by tests and benchmarks (they read ../shared; nothing is copied)."""

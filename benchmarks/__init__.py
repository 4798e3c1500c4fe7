"""Benchmarks: each module has a `main()` printing its figures (`make bench` runs them all)."""

"""Monitoring's rules: pure functions and values, no IO and no frameworks."""

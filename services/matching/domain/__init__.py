"""Matching's rules: pure, no IO, no frameworks."""

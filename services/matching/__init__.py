"""Matching: key-enterprise demand lists, posting screening, targeted recommendations."""

"""Merging two officer records found to be one person, and undoing the merge."""

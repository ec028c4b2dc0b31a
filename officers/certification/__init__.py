"""Decertifications and reinstatements that state standards boards (POST) publish."""

"""Find an officer: the index tables the database keeps, and the search over them."""

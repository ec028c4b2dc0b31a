"""Admin for the classifier model registry."""

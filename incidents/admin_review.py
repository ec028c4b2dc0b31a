"""Admin for posts and incidents."""

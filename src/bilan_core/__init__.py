"""bilan-core."""

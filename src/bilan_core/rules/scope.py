"""Rules of the catalogue (being written)."""

"""zangraph index layer."""

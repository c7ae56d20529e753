"""zangraph api layer."""

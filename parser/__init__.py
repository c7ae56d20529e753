"""zangraph parser layer."""

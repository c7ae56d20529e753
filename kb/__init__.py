"""zangraph kb layer."""

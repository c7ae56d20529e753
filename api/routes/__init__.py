"""zangraph api/routes layer."""

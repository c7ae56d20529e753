"""Message catalogues, one module per page (``MESSAGES = {key: {"ru": …, "kk": …}}``)."""

"""IPS forms, one module per area."""

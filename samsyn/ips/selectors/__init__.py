"""IPS reads, one module per area: each takes the acting user and returns only what that
user may see (or is a pure computation over rows a scoped read already returned)."""

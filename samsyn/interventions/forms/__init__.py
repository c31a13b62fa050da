"""Forms of the intervention pages, one module per area."""

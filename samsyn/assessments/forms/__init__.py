"""Forms of the resource inventory pages."""

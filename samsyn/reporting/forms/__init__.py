"""Forms and query parameters of the reporting pages."""

"""Pages of the reporting app, mounted at /rapporter/."""

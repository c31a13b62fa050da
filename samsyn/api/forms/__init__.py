"""The form that names a new personal API token (tokens.py)."""

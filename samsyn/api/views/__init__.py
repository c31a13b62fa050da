"""Pages of the account for personal API tokens (tokens.py)."""

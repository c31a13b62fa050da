"""Core's part of the JSON API: the signed-in user and their API tokens (api/account.py)."""

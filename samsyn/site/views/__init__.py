"""The site's own page: the start page (start.py)."""

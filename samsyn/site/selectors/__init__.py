"""Reads of the site: what the start page shows each role (start_page.py)."""

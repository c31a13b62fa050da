"""Every read of the log: its events (events.py) and its reviews (reviews.py)."""

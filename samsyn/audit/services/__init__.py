"""Every write to the log: events (events.py), reviews (reviews.py) and the purge (retention.py)."""

"""The log's forms: its filters (events.py) and the review (reviews.py)."""

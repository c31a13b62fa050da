"""The granskare's pages: the log (events.py) and its reviews (reviews.py)."""

"""Helpers shared by the test suites of every app (imported by ``samsyn/conftest.py``)."""

"""Tests of the site layer: the main menu and the start page."""

"""Import of registrations from spreadsheets and old SUS extracts (CSV or XLSX).

parsing.py reads a file into numbered rows, validation.py checks each row, service.py
stores a valid file all at once (or nothing), template.py builds the downloadable template.
See docs/import.md.
"""

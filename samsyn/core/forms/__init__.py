"""Core's forms: the log-in steps and the förbundsadministratör's pages."""

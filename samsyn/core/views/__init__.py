"""Core's pages: log-in and two-factor, the account, the accessibility statement and the
förbundsadministratör's pages (manage/)."""

"""Every write of the reporting app: period reports (create, write, approve, export) and the
audit event of a förbund report download."""

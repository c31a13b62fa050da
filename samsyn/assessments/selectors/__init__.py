"""Every read of the assessments app: one resource inventory, and the distribution of
recommendations per intervention."""

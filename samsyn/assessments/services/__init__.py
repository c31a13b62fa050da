"""Every write of the assessments app: starting and filling in a resource inventory, its
professional assessments and its observation weeks."""

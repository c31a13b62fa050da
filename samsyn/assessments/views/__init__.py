"""Pages of the assessments app, mounted at /resursinventering/."""

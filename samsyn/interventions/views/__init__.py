"""Pages of the interventions app, mounted at /insatser/."""

"""Reads of interventions, one module per area; each starts from the actor's scope."""

"""What every page shares: the acting user, htmx detection, service errors on forms, 404s for
what the user may not see, and one generic view for a form on a participant's record.

The lowest layer: nothing here imports an app above ``core``.
"""

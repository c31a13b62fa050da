"""The förbundsadministratör's pages for parties, teams and users (mounted at /forvaltning/).

Views are thin: they parse a form, call a selector from core.selectors.manage or a service
from core.services, and render. Every page answers 404 to anyone who administers no förbund,
and for objects of a förbund the user does not administer.
"""

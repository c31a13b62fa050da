"""Every write of core, one module per area: organisation (parties, teams and members) and
accounts (users and roles) behind the förbundsadministratör's pages, api_tokens, two_factor
and access_log (log-ins and log-outs).

The management services are keyword-only and atomic, check that the actor administers the
förbund of the object (anything else is a 404, so other förbund's records stay invisible),
validate with Swedish messages (a ``ValidationError`` keyed by form field, nothing written),
and leave an audit event. Edits of versioned records go through ``save_versioned`` so a stale
form is refused instead of overwriting someone else's change.
"""

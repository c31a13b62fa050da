"""IPS endpoints of the JSON API: fidelity."""

from ninja import Router

router = Router(tags=["IPS"])

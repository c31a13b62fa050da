"""IPS endpoints of the JSON API: outcomes."""

from ninja import Router

router = Router(tags=["IPS"])

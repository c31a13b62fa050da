"""IPS endpoints of the JSON API: employers."""

from ninja import Router

router = Router(tags=["IPS"])

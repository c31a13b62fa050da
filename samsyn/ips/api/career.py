"""IPS endpoints of the JSON API: career."""

from ninja import Router

router = Router(tags=["IPS"])

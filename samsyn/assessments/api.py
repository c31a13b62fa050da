"""Resource inventories in the JSON API (/api/v1/resursinventeringar/…)."""

from ninja import Router

router = Router(tags=["Resursinventering"])

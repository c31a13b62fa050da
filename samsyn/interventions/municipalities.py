"""Sweden's municipalities by code, through samsyn.core.kommuner when it is installed.

Without that list a code is only checked to be four digits and shown as it is.
"""

from __future__ import annotations

try:
    from samsyn.core.kommuner import MUNICIPALITIES
    from samsyn.core.kommuner import municipality_code_for as _code_for
except ImportError:  # pragma: no cover - the list ships with core
    MUNICIPALITIES: dict[str, str] = {}  # type: ignore[no-redef]  # fallback for the import
    _code_for = None  # type: ignore[assignment]  # fallback: no lookup


def has_municipality_list() -> bool:
    return bool(MUNICIPALITIES)


def municipality_label(code: str) -> str:
    """ "Karlstad (1780)" where the name is known, otherwise the code."""
    name = MUNICIPALITIES.get(code)
    return f"{name} ({code})" if name else code


def municipality_known(code: str) -> bool:
    return not MUNICIPALITIES or code in MUNICIPALITIES


def municipality_code_for(name: str) -> str | None:
    """The code of the municipality written as ``name`` ("Karlstad", "Karlstads kommun")."""
    return _code_for(name) if _code_for is not None else None


def municipality_choices() -> list[tuple[str, str]]:
    """(code, "Name (code)") sorted by name, for a select; empty without the list."""
    ordered = sorted(MUNICIPALITIES.items(), key=lambda item: item[1])
    return [(code, f"{name} ({code})") for code, name in ordered]

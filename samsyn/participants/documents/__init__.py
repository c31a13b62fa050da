"""Documents the participants app prints: the register extract (PDF)."""

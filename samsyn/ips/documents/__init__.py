"""IPS documents rendered on the server (the fidelity review report as PDF)."""

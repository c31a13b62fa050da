"""Statistics below every domain app: periods, the metric primitives and registry, and
small-cell suppression. Imports nothing from the apps above it (docs/development.md)."""

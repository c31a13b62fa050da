"""Reading an instrument file (JSON or XLSX, format in docs/surveys.md) into a checked
``InstrumentSpec``. Nothing here writes; ``services.instruments.instrument_import`` does."""

# The benchmarks reuse the test personas.
from samsyn.conftest import as_persona, world  # noqa: F401

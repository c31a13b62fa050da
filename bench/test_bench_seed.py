"""Benchmark of `seed_demo`: how long loading the whole demo takes (what `make run` waits
for on a fresh machine). Run with `make bench`; the time is printed for reading."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_seed_demo_time(settings, capsys):
    settings.DEBUG = True
    started = time.perf_counter()
    call_command("seed_demo", stdout=StringIO())
    first = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_demo", stdout=StringIO())
    second = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nseed_demo: first run {first:.1f} s, second run (nothing to do) {second:.1f} s")

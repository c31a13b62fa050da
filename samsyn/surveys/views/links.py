"""One-time links as they are handed out: a full link, a QR code (inline SVG, segno) and
a CSV of the same links for sending. Built from the plain tokens just made; nothing here
is stored."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe


def answer_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("survey_answer:answer", args=[token]))


def qr_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff"))


def csv_data_uri(urls: list[str]) -> str:
    """The links as a CSV download inside the page (``data:`` URI): the batch exists only in
    this answer, so the file cannot be fetched again later."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["nummer", "länk"])
    for number, url in enumerate(urls, start=1):
        writer.writerow([number, url])
    # A byte-order mark so Excel opens the Swedish headers right.
    return "data:text/csv;charset=utf-8," + quote("\ufeff" + buffer.getvalue())


def printable_links(request: HttpRequest, tokens: list[str]) -> dict[str, Any]:
    urls = [answer_url(request, token) for token in tokens]
    links = [
        {"number": number, "url": url, "token": token, "svg": mark_safe(qr_svg(url))}  # noqa: S308
        for number, (url, token) in enumerate(zip(urls, tokens, strict=True), start=1)
    ]
    return {"links": links, "csv_uri": csv_data_uri(urls)}

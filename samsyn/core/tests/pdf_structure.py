"""What a tagged PDF/UA holds, read back with pypdf: the catalog's marks, language, title and
PDF/UA identification, and the structure tree's tables, captions, header cells and figures.

pypdf is in the test dependencies already; ``pdfinfo`` (poppler) reads the same catalog
entries ("Tagged: yes", "UserProperties", "Title") but is not on every machine."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass
class StructElement:
    tag: str
    attributes: dict[str, Any]
    alt: str | None
    children: list[StructElement] = field(default_factory=list)

    def walk(self) -> Iterator[StructElement]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str) -> list[StructElement]:
        return [element for element in self.walk() if element.tag == tag]


@dataclass(frozen=True)
class PdfAccessibility:
    tagged: bool
    language: str
    title: str
    display_doc_title: bool
    pdfua_part: str | None
    structure: StructElement
    text: str

    @property
    def tables(self) -> list[StructElement]:
        return self.structure.find("Table")


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _kids(element: DictionaryObject) -> list[Any]:
    kids = _resolve(element.get("/K"))
    if kids is None:
        return []
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _element(node: DictionaryObject) -> StructElement:
    attributes = _resolve(node.get("/A"))
    element = StructElement(
        tag=str(node.get("/S", "")).lstrip("/"),
        attributes=dict(attributes) if isinstance(attributes, DictionaryObject) else {},
        alt=str(node["/Alt"]) if "/Alt" in node else None,
    )
    for kid in _kids(node):
        kid = _resolve(kid)
        if isinstance(kid, DictionaryObject) and kid.get("/Type") != "/OBJR":
            element.children.append(_element(kid))
    return element


def _pdfua_part(catalog: DictionaryObject) -> str | None:
    metadata = _resolve(catalog.get("/Metadata"))
    if metadata is None:
        return None
    xmp = metadata.get_data().decode("utf-8", "replace")
    marker = "pdfuaid:part"
    if marker not in xmp:
        return None
    after = xmp.split(marker, 1)[1]
    # Either an attribute (pdfuaid:part="1") or an element (<pdfuaid:part>1</...>).
    digits = "".join(ch for ch in after[:8] if ch.isdigit())
    return digits or None


def read_accessibility(data: bytes) -> PdfAccessibility:
    reader = pypdf.PdfReader(io.BytesIO(data))
    catalog = _resolve(reader.trailer["/Root"])
    assert isinstance(catalog, DictionaryObject)
    mark_info = _resolve(catalog.get("/MarkInfo")) or {}
    preferences = _resolve(catalog.get("/ViewerPreferences")) or {}
    tree = _resolve(catalog.get("/StructTreeRoot"))
    root = _element(tree) if tree is not None else StructElement("", {}, None)
    info = reader.metadata
    return PdfAccessibility(
        tagged=bool(mark_info.get("/Marked")) and tree is not None,
        language=str(catalog.get("/Lang", "")),
        title=str(info.title if info and info.title else ""),
        display_doc_title=bool(preferences.get("/DisplayDocTitle")),
        pdfua_part=_pdfua_part(catalog),
        structure=root,
        text="\n".join(page.extract_text() for page in reader.pages),
    )


def table_problems(table: StructElement) -> list[str]:
    """What a screen reader would miss in a table: header cells, a data cell that no header
    describes. (WeasyPrint tags each page's part of a table as a table of its own, so a
    table's caption is in its first part only: captions are counted per document.)"""
    problems = []
    headers = table.find("TH")
    if not headers:
        problems.append("no header cell")
    for cell in table.find("TD"):
        if not cell.attributes.get("/Headers"):
            text = "a data cell without headers"
            if text not in problems:
                problems.append(text)
    return problems

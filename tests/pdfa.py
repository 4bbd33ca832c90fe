"""A structural PDF/A self-check with pikepdf, and veraPDF where it is installed.

Checks what a validator would refuse first: XMP metadata naming the PDF/A part, an output intent
with its ICC profile, every font embedded (pages, form XObjects, signature appearances), no
encryption, no JavaScript, printable annotations with a normal appearance, and the Info
dictionary agreeing with the XMP on the producer.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

ANNOT_PRINT, ANNOT_HIDDEN_FLAGS = 4, 1 | 2 | 32 | 256  # Invisible, Hidden, NoView, ToggleNoView


def pdfa_problems(data: bytes, part: str = "3", conformance: str = "B") -> list[str]:
    """Return what keeps ``data`` from being PDF/A-``part````conformance`` (empty: none found)."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        problems += _metadata(pdf, part, conformance)
        problems += _output_intent(pdf)
        problems += _javascript(pdf)
        for number, page in enumerate(pdf.pages, 1):
            problems += [f"page {number}: {p}" for p in _page(page)]
    return problems + _verapdf(data, part, conformance)


def _metadata(pdf: pikepdf.Pdf, part: str, conformance: str) -> list[str]:
    if "/Metadata" not in pdf.Root:
        return ["no XMP metadata"]
    meta = pdf.open_metadata()
    found = (meta.get("pdfaid:part"), (meta.get("pdfaid:conformance") or "").upper())
    problems = [] if found == (part, conformance) else [f"XMP says PDF/A {found}"]
    info_producer = str(pdf.docinfo.get("/Producer", "")) if pdf.trailer.get("/Info") else ""
    if info_producer and info_producer != meta.get("pdf:Producer"):
        problems.append("Info /Producer differs from XMP pdf:Producer")
    return problems


def _output_intent(pdf: pikepdf.Pdf) -> list[str]:
    for intent in pdf.Root.get("/OutputIntents", []):
        if intent.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intent:
            return []
    return ["no PDF/A output intent with an ICC profile"]


def _javascript(pdf: pikepdf.Pdf) -> list[str]:
    names = pdf.Root.get("/Names", {})
    if "/JavaScript" in names or "/AA" in pdf.Root:
        return ["document JavaScript or actions"]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and (obj.get("/S") == "/JavaScript" or "/JS" in obj):
            return ["JavaScript action"]
    return []


def _page(page: pikepdf.Page) -> list[str]:
    problems = _fonts(page.obj.get("/Resources", {}), set())
    for annot in page.obj.get("/Annots", []):
        rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
        flags = int(annot.get("/F", 0))
        if not flags & ANNOT_PRINT or flags & ANNOT_HIDDEN_FLAGS:
            problems.append(f"annotation {annot.get('/T', '')} not printable")
        if rect[2] - rect[0] and rect[3] - rect[1]:
            ap = annot.get("/AP")
            if ap is None or "/N" not in ap:
                problems.append(f"annotation {annot.get('/T', '')} without appearance")
            else:
                problems += _fonts(ap.N.get("/Resources", {}), set())
    return problems


def _fonts(resources, seen: set) -> list[str]:
    """Return fonts without an embedded font file, looking into form XObjects too."""
    problems = []
    for name, font in (resources.get("/Font") or {}).items():
        descendants = font.get("/DescendantFonts")
        actual = descendants[0] if descendants else font
        descriptor = actual.get("/FontDescriptor")
        if descriptor is None or not any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            problems.append(f"font {name} ({font.get('/BaseFont')}) not embedded")
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            problems += _fonts(xobject.get("/Resources", {}), seen)
    return problems


def _verapdf(data: bytes, part: str, conformance: str) -> list[str]:
    """Return veraPDF's failed rules when veraPDF is installed (it is not a Debian package)."""
    verapdf = shutil.which("verapdf")
    if verapdf is None:
        return []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        result = subprocess.run(
            [verapdf, "--flavour", f"{part}{conformance.lower()}", "--format", "text", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    return [] if result.stdout.startswith("PASS") else [f"veraPDF: {result.stdout.strip()}"]

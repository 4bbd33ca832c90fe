"""Compare rendered text with a seed document, line by line, after documented normalisation.

Normalisation: NFC, whitespace collapsed, decimal separator unified ("101.5" = "101,5"), markdown
emphasis of the seed's extraction removed, empty lines dropped. Seed mistakes are corrected only
through explicit, named replacements, each of which must apply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Correction:
    """A known mistake of a seed: its text, the correct text, and why."""

    seed: str
    correct: str
    why: str


def normalise(line: str) -> str:
    """Return ``line`` in the comparable form."""
    line = unicodedata.normalize("NFC", line)
    line = re.sub(r"(?<=\d)[.,](?=\d)", ",", line)
    line = re.sub(r"[*#]+", "", line)
    return " ".join(line.split())


def seed_lines(path: Path, corrections: list[Correction]) -> list[str]:
    """Return the seed's non-empty normalised lines with the corrections applied."""
    text = path.read_text(encoding="utf-8")
    for correction in corrections:
        assert correction.seed in text, f"stale correction: {correction.seed!r}"
        text = text.replace(correction.seed, correction.correct)
    return [n for n in (normalise(line) for line in text.splitlines()) if n]


def rendered_lines(lines: list[str]) -> list[str]:
    """Return rendered lines in the comparable form, empty ones dropped."""
    return [n for n in (normalise(line) for line in lines) if n]


def first_difference(ours: list[str], seed: list[str]) -> str:
    """Return a readable description of where two line lists part, or '' when equal."""
    for index, (a, b) in enumerate(zip(ours, seed, strict=False)):
        if a != b:
            return f"line {index}:\n  ours: {a!r}\n  seed: {b!r}"
    if len(ours) != len(seed):
        return f"lengths differ: ours {len(ours)}, seed {len(seed)}"
    return ""


def seed_words(path: Path, corrections: list[Correction]) -> list[str]:
    """Return the seed's words after corrections: for seeds whose text is hard-wrapped."""
    return " ".join(seed_lines(path, corrections)).split()


def first_word_difference(ours: list[str], seed: list[str], context: int = 8) -> str:
    """Return where two word lists part, with some words around it, or '' when equal."""
    for index, (a, b) in enumerate(zip(ours, seed, strict=False)):
        if a != b:
            lo = max(0, index - context)
            return (
                f"word {index}:\n  ours: {' '.join(ours[lo : index + context])}\n"
                f"  seed: {' '.join(seed[lo : index + context])}"
            )
    if len(ours) != len(seed):
        return f"lengths differ: ours {len(ours)}, seed {len(seed)}"
    return ""


NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def seed_difference(
    rendered, seed_path: Path, corrections: list[Correction], *, number_lost: bool = False
) -> str:
    """Return where a rendered DOCX's lines part from the corrected seed's, or '' when they match.

    The seeds' text extraction lost the header's first rows (body names, Quốc hiệu, Tiêu ngữ; with
    ``number_lost`` also the Số and date row): those must open the rendered text, then every
    remaining line must equal the seed's.
    """
    from service.render.docx_text import docx_lines

    header = rendered.document.header
    seed = seed_lines(seed_path, corrections)
    names = [header.parent, *header.issuer, *NATIONAL]
    if number_lost:
        names += [header.number_line, header.place_date]
    lost = rendered_lines([line for line in names if line])
    ours = rendered_lines(docx_lines(rendered.content))
    if ours[: len(lost)] != lost:
        return f"header lines differ:\n  ours: {ours[: len(lost)]}\n  lost: {lost}"
    return first_difference(ours[len(lost) :], seed)

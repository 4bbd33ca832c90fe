"""Find English words in text meant for clerks.

A word with Vietnamese diacritics is Vietnamese. A plain-ASCII word is accepted when it is on
the allow-list (format and product names, the CLI's option names) or when it can be a
Vietnamese syllable written without diacritics (an optional initial consonant, one to three
vowels, an optional final c, ch, m, n, ng, nh, p, t: "theo", "trong", "cho", "thanh"). English
words mostly fail that shape ("Show", "this", "message", "exit", "Usage", "Options", "Error",
"value", "for", "help", "of", "is"); the few that pass ("to", "on", "the") are the price of a
check that needs no dictionary.
"""

from __future__ import annotations

import re
import unicodedata

ALLOWED = {
    # formats, products, standards, abbreviations used as they are in Vietnamese offices
    "docx",
    "pdf",
    "json",
    "jsonl",
    "api",
    "html",
    "xlsx",
    "csv",
    "zip",
    "iso",
    "vanban",
    "pades",  # the standard of PDF signatures (ETSI EN 319 142), named as is by signing tools
    "pfx",  # the other extension of PKCS#12 key files
    "utf",
    "openapi",
    "url",
    "http",
    "https",
    "cli",
    "id",
    "ubnd",
    "hdnd",
    "nd",
    "cp",
    "qd",
    "kh",
    "tb",
    "bcd",
    "ct",
    "cchc",
    "cds",
    "tm",
    "kt",
    "tl",
    "tuq",
    "mib",
    "kib",
    "byte",
    "lines",
    "word",
    "microsoft",
    "office",
    "libreoffice",
    "redis",  # the batch broker, named by `vanban worker` and `batch --broker`
    "celery",
    "chromium",
    "firefox",
    "swagger",
    "bearer",
    "token",
    "javascript",
    "stdout",
    "stdin",
    "manifest",
    "report",
    "vi",
    "vn",
    "times",
    "new",
    "roman",
    "liberation",
    "serif",
    "excel",
    "tab",
    "gmt",
    "utc",
    "ict",
    "xml",
    "dtd",
    "entity",
    "ascii",
    "postgresql",
    "sqlite",
    "mm",
    "cm",
    "pt",
    "px",
}
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
# What a message may quote back or name as data: option names (--format), quoted values,
# dotted paths and file names (groups.0.score, qd.docx), placeholders in capitals (TỆP.json).
_NOT_PROSE = re.compile(
    r"(?<!\w)--?[\w-]+|'[^']*'|\"[^\"]*\"|“[^”]*”|\S+\.\w+(\.\w+)*|\{[^}]*\}|\[[^\]]*\|[^\]]*\]"
    r"|\S+/\S+|\w+(-\w+)+"
)


def fold(word: str) -> str:
    """Return ``word`` without diacritics (đ as d)."""
    plain = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def english_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """Return the words of ``text`` that look English."""
    found = []
    for word in _WORD.findall(_NOT_PROSE.sub(" ", text)):
        if word.lower() in ALLOWED or word.lower() in allowed:
            continue
        if fold(word) != word:  # it has diacritics: Vietnamese
            continue
        if len(word) == 1 or (
            word.isupper() and len(word) <= 6
        ):  # an abbreviation (CSP, OOXML, ND)
            continue
        if not _SYLLABLE.fullmatch(word):
            found.append(word)
    return found

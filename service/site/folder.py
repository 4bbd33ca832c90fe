"""A site folder laid over the packaged reference data: one loader that reads, checks and merges.

A site folder (``VANBAN_SITE_DIR``, ``--site DIR``) holds what one office or province adds:
``registry/*.json`` (legal documents), ``bodies/*.json`` (bodies and units with their validity),
``level-schemes/*.json`` and ``templates/`` (Word and HTML templates). An entry with the id (for
provinces and cities: the name) of a packaged one replaces it; the others are added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .bodies import check_body, check_scheme
from .files import DATA_FOLDERS, Entry, read_entries
from .legal import check_document, check_links
from .problems import InvalidSite, SiteProblem
from .series import check_series
from .templates import check_templates

# How entries of each list are matched against the packaged ones.
_KEY = {"bodies": "id", "provinces": "name", "levels": "id", "central_cities": "name"}


@dataclass(frozen=True)
class SiteData:
    """The reference data in force: packaged, with a site folder's entries laid over it."""

    folder: Path | None
    documents: list[dict]  # registry entries
    directory: dict[str, list[dict]]
    schemes: list[dict]
    templates: Path | None  # the site's templates/ folder, when it has one
    added: dict[str, int] = field(default_factory=dict)  # entries the site adds, by list
    replaced: dict[str, int] = field(default_factory=dict)  # packaged entries it replaces


def packaged_data() -> SiteData:
    """Return the packaged reference data alone."""
    return SiteData(
        None,
        _packaged("service.legal", "registry.json")["documents"],
        {k: v for k, v in _packaged("service.directory", "bodies.json").items() if k in _KEY},
        _packaged("service", "data/level-schemes.json")["schemes"],
        None,
    )


def load_site(folder: str | Path | None) -> SiteData:
    """Return the data in force with ``folder`` laid over it; raise InvalidSite listing faults."""
    data, problems = read_site(folder)
    if problems:
        raise InvalidSite(str(folder), problems)
    return data


def check_site(folder: str | Path) -> list[SiteProblem]:
    """Return every fault of the site folder, in file order."""
    return read_site(folder)[1]


def read_site(folder: str | Path | None) -> tuple[SiteData, list[SiteProblem]]:
    """Return the merged data and the site folder's problems."""
    base = packaged_data()
    if folder is None:
        return base, []
    site = Path(folder)
    if not site.is_dir():
        return base, [SiteProblem(str(site), "", "", "Thư mục site không tồn tại.")]
    problems: list[SiteProblem] = []
    added: dict[str, int] = {}
    replaced: dict[str, int] = {}
    documents = _merge_documents(site, base.documents, problems, added, replaced)
    bodies = read_entries(site, "bodies", problems)
    directory = {
        kind: _merge(
            base.directory.get(kind, []),
            _good(bodies[kind], problems, kind),
            _KEY[kind],
            kind,
            (added, replaced),
            problems,
        )
        for kind in _KEY
    }
    schemes = _merge(
        base.schemes,
        _good(read_entries(site, "level-schemes", problems)["schemes"], problems, "schemes"),
        "id",
        "level_schemes",
        (added, replaced),
        problems,
    )
    from ..catalog import KINDS

    check_templates(site, set(KINDS), problems)
    check_series(site, problems)
    templates = site / "templates" if (site / "templates").is_dir() else None
    return SiteData(site, documents, directory, schemes, templates, added, replaced), problems


def _merge_documents(
    site: Path,
    packaged: list[dict],
    problems: list[SiteProblem],
    added: dict[str, int],
    replaced: dict[str, int],
) -> list[dict]:
    """Return the registry entries with the site's laid over them; note faults and dead links."""
    entries = read_entries(site, "registry", problems)["documents"]
    good = [e for e in entries if check_document(e, problems)]
    merged = _merge(packaged, good, "id", "registry", (added, replaced), problems)
    check_links(good, {doc["id"] for doc in merged}, problems)
    return merged


def _good(entries: list[Entry], problems: list[SiteProblem], kind: str) -> list[Entry]:
    check = check_scheme if kind == "schemes" else lambda e, p: check_body(kind, e, p)
    return [entry for entry in entries if check(entry, problems)]


def _merge(
    packaged: list[dict],
    entries: list[Entry],
    key: str,
    name: str,
    counts: tuple[dict[str, int], dict[str, int]],
    problems: list[SiteProblem],
) -> list[dict]:
    """Return ``packaged`` with ``entries`` laid over it by ``key``; note a key given twice."""
    merged = {item[key]: item for item in packaged}
    seen: dict[Any, Entry] = {}
    added, replaced = counts
    for entry in entries:
        value = entry.value[key]
        if value in seen:
            first = seen[value]
            problems.append(
                entry.problem(key, f"Trùng {key} với mục ở {first.file} ({first.label}).")
            )
            continue
        seen[value] = entry
        bucket = replaced if value in merged else added
        bucket[name] = bucket.get(name, 0) + 1
        merged[value] = entry.value
    return list(merged.values())


def _packaged(package: str, name: str) -> dict:
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


__all__ = ["DATA_FOLDERS", "SiteData", "check_site", "load_site", "packaged_data", "read_site"]

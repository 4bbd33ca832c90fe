"""What a payload cites or names that is no longer valid on its date, and the stale-tolerant copy.

Citations are checked against the legal registry (why_not_in_force), bodies against the
directory (stale_bodies). A confirmed finding fails the item unless the batch allows stale
references; a finding built on unconfirmed data is only a warning. When stale references are
allowed, each replaced citation is swapped for the act in force that replaced it and a citation
with no successor in force is dropped, so the draft can still be produced; named bodies stay as
written for the clerk to correct.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..directory import Directory, Province, payload_day, stale_bodies
from ..legal.registry import LegalDocument, Registry, fold, replacement_on, why_not_in_force
from ..vn.dates import short_date


@dataclass(frozen=True)
class Finding:
    """A stale citation or body at ``path``; ``replacement`` when one is known."""

    path: str
    message: str
    replacement: str | None
    confirmed: bool = True
    citation: str | None = None  # the registry id of a stale citation
    name: str | None = None  # a ceased body's name as written


@dataclass(frozen=True)
class Change:
    """What --apply-replacements changed at ``path``."""

    path: str
    old: str
    new: str

    @property
    def message(self) -> str:
        """Return the report line."""
        return f"Đã thay “{self.old}” bằng “{self.new}”."


def findings(payload: Any, registry: Registry, directory: Directory) -> list[Finding]:
    """Return every stale citation and named body of ``payload`` on its date (draft: its month)."""
    days = payload_days(payload)
    if not days:
        return []  # no usable date: the schema reports it
    found = {f.path: f for day in days for f in _citations(payload, registry, directory, day)}
    found.update(
        {
            f"{p.path}\0{p.name}": Finding(
                p.path, p.message, p.replacement, p.confirmed, name=p.name
            )
            for day in days
            for p in stale_bodies(payload, day, directory)
        }
    )
    return list(found.values())


def payload_days(payload: Any) -> tuple[date, ...]:
    """Return the days a payload may bear: its date, or a draft month's first and last day."""
    last = payload_day(payload) if isinstance(payload, dict) else None
    if last is None:
        return ()
    draft = len(str(payload.get("date"))) == 7
    return (last.replace(day=1), last) if draft else (last,)


def _citations(
    payload: dict, registry: Registry, directory: Directory, on: date
) -> Iterator[Finding]:
    for path, doc_id in cited_ids(payload):
        if doc_id not in registry:
            continue  # unknown ids are the schema's and compose's to report
        doc = registry.get(doc_id)
        problem = why_not_in_force(registry, doc, on)
        if problem is not None:
            successor = replacement_on(registry, doc, on)
            yield Finding(path, problem, successor.label if successor else None, citation=doc_id)
        elif (merged := _merged_province(doc, directory, on)) is not None:
            yield merged_warning(path, doc, merged)


def _merged_province(doc: LegalDocument, directory: Directory, on: date) -> Province | None:
    """Return the ceased province whose own act ``doc`` is, if it ceased before ``on``."""
    if not doc.jurisdiction:
        return None
    return next(
        (p for p in directory.provinces if fold(p.name) == fold(doc.jurisdiction) and on > p.until),
        None,
    )


def merged_warning(path: str, doc: LegalDocument, province: Province) -> Finding:
    """Return the warning for an act of a province that has since merged into another."""
    merged_on = short_date(province.until + timedelta(days=1))
    return Finding(
        path,
        f"{doc.label} là văn bản của {province.name}, đã hợp nhất vào "
        f"{province.successor} từ ngày {merged_on}: danh mục chưa xác nhận "
        f"văn bản còn hiệu lực sau hợp nhất; kiểm tra văn bản của "
        f"{province.successor}.",
        None,
        confirmed=False,
    )


def cited_ids(payload: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (field path, registry id) of every citation: căn cứ, groups and inline cite parts."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            sub = f"{path}.{key}" if path else key
            if key == "citations" and isinstance(value, list):
                yield from _basis_ids(value, sub)
            elif key == "cite" and isinstance(value, str):
                yield sub, value.strip()
            else:
                yield from cited_ids(value, sub)
    elif isinstance(payload, list):
        for index, value in enumerate(payload):
            yield from cited_ids(value, f"{path}.{index}" if path else str(index))


def _basis_ids(items: list, path: str) -> Iterator[tuple[str, str]]:
    for index, item in enumerate(items):
        if isinstance(item, str):
            yield f"{path}.{index}", item.strip()
        elif isinstance(item, dict) and isinstance(item.get("group"), list):
            yield from (
                (f"{path}.{index}.ids.{j}", i.strip())
                for j, i in enumerate(item["group"])
                if isinstance(i, str)
            )


def tolerate(payload: dict, registry: Registry, on: date) -> dict:
    """Return a copy of ``payload`` whose căn cứ cite, for each stale act, its successor."""
    fixed = copy.deepcopy(payload)
    if isinstance(fixed.get("citations"), list):
        fixed["citations"] = _swap_basis(fixed["citations"], registry, on)
    _swap_parts(fixed, registry, on)
    return fixed


def _swap_parts(value: Any, registry: Registry, on: date) -> None:
    """Replace, in place, the stale act of every inline {"cite": id} part that has a successor."""
    if isinstance(value, dict):
        if isinstance(value.get("cite"), str):
            value["cite"] = _swap(value["cite"], registry, on) or value["cite"]
        for key, sub in value.items():
            if key != "citations":
                _swap_parts(sub, registry, on)
    elif isinstance(value, list):
        for sub in value:
            _swap_parts(sub, registry, on)


def _swap(doc_id: Any, registry: Registry, on: date) -> str | None:
    """Return the id to cite instead of ``doc_id`` on ``on``; None to drop it."""
    if not isinstance(doc_id, str) or doc_id.strip() not in registry:
        return doc_id
    doc = registry.get(doc_id.strip())
    if why_not_in_force(registry, doc, on) is None:
        return doc_id
    successor = replacement_on(registry, doc, on)
    return successor.id if successor else None


def _swap_basis(items: list, registry: Registry, on: date) -> list:
    out: list = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("group"), list):
            ids = [i for i in (_swap(i, registry, on) for i in item["group"]) if i is not None]
            ids = [i for i in dict.fromkeys(ids) if not (isinstance(i, str) and i in seen)]
            seen.update(i for i in ids if isinstance(i, str))
            out += [{"group": ids}] if len(ids) > 1 else ids
            continue
        new = _swap(item, registry, on)
        if new is None or (isinstance(new, str) and new in seen):
            continue  # two stale acts replaced by the same one: cite it once
        seen.update([new] if isinstance(new, str) else [])
        out.append(new)
    return out


def apply_replacements(
    payload: dict, stale: list[Finding], registry: Registry, on: date
) -> tuple[dict, list[Change]]:
    """Return a copy of ``payload`` citing each replaced act's successor and naming each ceased
    body's successor, where the data knows them, with every change made."""
    fixed, changes = copy.deepcopy(payload), []
    for finding in stale:
        if not finding.confirmed:
            continue
        old = _at(fixed, finding.path)
        if finding.citation and isinstance(old, str):
            successor = replacement_on(registry, registry.get(finding.citation), on)
            if successor is not None:
                _put(fixed, finding.path, successor.id)
                changes.append(Change(finding.path, finding.citation, successor.id))
        elif finding.name and _one_successor(finding.replacement):
            new = _renamed(old, finding.name, finding.replacement)
            if new is not None:
                _put(fixed, finding.path, new)
                changes.append(Change(finding.path, finding.name, finding.replacement))
    return fixed, changes


def _one_successor(replacement: str | None) -> bool:
    """Return whether the directory names one successor, not a choice for the clerk."""
    return bool(replacement) and " hoặc " not in replacement


def _renamed(value: Any, name: str, successor: str) -> Any:
    """Return ``value`` naming ``successor`` for ``name``: in a text, or across a list of lines
    (["Ủy ban nhân dân", "tỉnh Bắc Giang"]); None when the name is not there as written."""
    if isinstance(value, str):
        return value.replace(name, successor) if name in value else None
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return None
    if name not in " ".join(value):
        return None
    start = 0
    while start < min(len(name), len(successor)) and name[start] == successor[start]:
        start += 1
    start = name.rfind(" ", 0, start) + 1  # whole words: "Giang" → "Ninh", not "G" → "N"
    old_part, new_part = name[start:], successor[start:]
    lines = [i for i, line in enumerate(value) if old_part in line]
    if len(lines) != 1:
        return None
    return [
        line.replace(old_part, new_part) if i == lines[0] else line for i, line in enumerate(value)
    ]


def _steps(path: str) -> list[Any]:
    # "citations.2.ids.1" names the payload's {"group": [...]}
    return [int(p) if p.isdigit() else "group" if p == "ids" else p for p in path.split(".")]


def _at(payload: Any, path: str) -> Any:
    node = payload
    for step in _steps(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _put(payload: Any, path: str, value: Any) -> None:
    *parents, last = _steps(path)
    _at_steps(payload, parents)[last] = value


def _at_steps(node: Any, steps: list[Any]) -> Any:
    for step in steps:
        node = node[step]
    return node

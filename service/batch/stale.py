"""What a payload cites or names that is no longer valid on its date, and the stale-tolerant copy.

Citations are checked against the legal registry (why_not_in_force), bodies against the
directory (stale_bodies). A confirmed finding fails the item unless the batch allows stale
references; a finding built on unconfirmed data is only a warning. When stale references are
allowed, each replaced citation is swapped for the act in force that replaced it and a citation
with no successor in force is dropped, so the draft can still be produced; named bodies stay as
written for the clerk to correct.

Texts and citations are found in the kind's typed input by type (service/kinds/walk.py), never
by key names; paths and changes are then those of the payload, which stays valid input.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..directory import Directory, Province
from ..directory.check import named_bodies
from ..errors import VanbanError
from ..kinds.inputs import CitePart
from ..kinds.walk import CHECK, Leaf, citations, input_path, issue_date, texts
from ..legal.citations import Group, Inline
from ..legal.registry import LegalDocument, Registry, fold, replacement_on, why_not_in_force
from ..pipeline import parse
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


def findings(
    payload: Any, registry: Registry, directory: Directory, data: Any = None
) -> list[Finding]:
    """Return every stale citation and named body of ``payload`` on its date (draft: its month).

    ``data``: the payload's typed input when the caller has already loaded it.
    """
    data = typed(payload) if data is None else data
    days = _days(data)
    if not days:
        return []  # not valid input: the schema reports it
    cited = list(cited_ids(payload, data))
    found = {f.path: f for day in days for f in _citations(cited, registry, directory, day)}
    named = _Texts(data)  # walked on the first day something had ceased by, if any
    found.update(
        {
            f"{path}\0{p.name}": Finding(path, p.message, p.replacement, p.confirmed, name=p.name)
            for day in days
            for p in named_bodies(named, day, directory)
            for path in [input_path(payload, p.path)]
        }
    )
    return list(found.values())


class _Texts:
    """The texts the ceased-body check reads in a typed input, walked once, when first asked."""

    def __init__(self, data: Any) -> None:
        self.data, self.walked = data, None

    def __iter__(self) -> Iterator[Leaf]:
        if self.walked is None:
            self.walked = list(texts(self.data, CHECK))
        return iter(self.walked)


def typed(payload: Any) -> Any:
    """Return the typed input of ``payload``, None when it is not valid input."""
    try:
        return parse(payload)[1]
    except VanbanError:
        return None


def unverified_inline(data: Any, registry: Registry) -> list[str]:
    """Return the field paths of the inline citations the registry does not know, in any part
    of a typed input (a ranking decision's are in its decision part)."""
    return [
        path
        for path, cited in citations(data)
        if isinstance(cited, Inline)
        and registry.find(cited.type, cited.number, cited.issued) is None
    ]


def payload_days(payload: Any) -> tuple[date, ...]:
    """Return the days a payload may bear: its date, or a draft month's first and last day."""
    return _days(typed(payload))


def _days(data: Any) -> tuple[date, ...]:
    when = issue_date(data) if data is not None else None
    if when is None:
        return ()
    first, last = when.span
    return (first, last) if first != last else (last,)


def _citations(
    cited: list[tuple[str, str]], registry: Registry, directory: Directory, on: date
) -> Iterator[Finding]:
    for path, doc_id in cited:
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


def cited_ids(payload: Any, data: Any) -> Iterator[tuple[str, str]]:
    """Yield (payload path, registry id) of every citation: căn cứ, groups and inline cite parts."""
    for path, cited in citations(data):
        if isinstance(cited, Group):
            yield from ((f"{path}.ids.{j}", i) for j, i in enumerate(cited.ids))
        elif isinstance(cited, CitePart):
            yield f"{input_path(payload, path)}.cite", cited.id
        elif not isinstance(cited, Inline):
            yield path, cited.id


def tolerate(payload: dict, registry: Registry, on: date) -> dict:
    """Return a copy of ``payload`` whose căn cứ and inline parts cite, for each stale act, its
    successor (a căn cứ with none in force is dropped)."""
    fixed, data = copy.deepcopy(payload), typed(payload)
    bases = set()
    for path, cited in citations(data):
        if isinstance(cited, CitePart):
            at = f"{input_path(payload, path)}.cite"
            write_at(fixed, at, _swap(cited.id, registry, on) or cited.id)
        else:
            bases.add(path.rpartition(".")[0])
    for path in bases:
        if isinstance(value_at(fixed, path), list):
            write_at(fixed, path, _swap_basis(value_at(fixed, path), registry, on))
    return fixed


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
        old = value_at(fixed, finding.path)
        if finding.citation and isinstance(old, str):
            successor = replacement_on(registry, registry.get(finding.citation), on)
            if successor is not None:
                write_at(fixed, finding.path, successor.id)
                changes.append(Change(finding.path, finding.citation, successor.id))
        elif finding.name and _one_successor(finding.replacement):
            new = _renamed(old, finding.name, finding.replacement)
            if new is not None:
                write_at(fixed, finding.path, new)
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


def value_at(payload: Any, path: str) -> Any:
    """Return the value at a dotted field path of ``payload``, None when there is none."""
    node = payload
    for step in _steps(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def write_at(payload: Any, path: str, value: Any) -> None:
    """Put ``value`` at a dotted field path of ``payload``, in place."""
    *parents, last = _steps(path)
    _at_steps(payload, parents)[last] = value


def _at_steps(node: Any, steps: list[Any]) -> Any:
    for step in steps:
        node = node[step]
    return node

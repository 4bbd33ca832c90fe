"""Thông báo kết luận: the conclusions of a meeting, as numbered tasks between intro and closing.

Layout of ND30 Mẫu 1.4. The body is intro paragraphs, numbered sections (a bold heading or a
numbered paragraph, each with its paragraphs) and closing paragraphs; numbers are computed and
the end mark './.' closes the last paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..legal.registry import Registry
from ..marks import part
from ..model import Document
from .collect import Collector
from .content import Numbered, content_blocks
from .inputs import Paragraph
from .narrative import NarrativeInput, citer_for, compose_narrative
from .text import paragraph_blocks

KIND = "conclusion-notice"
TYPE_NAME = "Thông báo"


@dataclass(frozen=True)
class NoticeInput:
    """A notice: the shared parts, then its intro, numbered sections and closing."""

    document: NarrativeInput = part(key="")  # the shared fields, at the top of the input
    intro: tuple[Paragraph, ...]
    sections: tuple[Numbered, ...]
    closing: tuple[Paragraph, ...] = ()


def compose(data: NoticeInput, *, registry: Registry) -> Document:
    """Return the notice; raise InvalidInput listing every bad field."""
    errors = Collector()
    citer = citer_for(data.document, registry)
    body = (
        *errors.run(lambda: paragraph_blocks("text", data.intro, citer, "intro"), ()),
        *errors.run(lambda: content_blocks(data.sections, citer, "sections"), ()),
        *errors.run(lambda: paragraph_blocks("text", data.closing, citer, "closing"), ()),
    )
    return compose_narrative(
        data.document, type_name=TYPE_NAME, kind=KIND, body=body, errors=errors
    )

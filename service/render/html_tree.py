"""The element tree of a rendered HTML page, without tinyhtml5 when the page is plain.

WeasyPrint parses HTML with tinyhtml5, a pure-Python implementation of the HTML5 parsing
algorithm: about 5 ms of a PDF's CPU for the 8 KB pages our templates print. Those pages are
plain: every element explicitly closed where it was opened, nothing the algorithm would move,
close or insert, except the <tbody> it puts around rows written directly in a <table>. For such
a page the algorithm's tree is the plain nesting of its tags, which the standard library's
tokenizer (html.parser, mostly regular expressions) reads about five times faster.

``parse`` builds that tree and gives up (returns None, and WeasyPrint's own parser is used) on
anything outside the plain subset: an unexpected element or end tag, a comment, text where the
algorithm would move it, a character reference other than those the templates' escaping
writes, a carriage return or NUL (which the algorithm rewrites). tests/test_html_tree.py
compares its trees with tinyhtml5's on every fixture and on generated documents of every kind.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

# The algorithm's whitespace (not str.isspace: no-break space is text).
_WHITESPACE = frozenset(" \t\n\f\r")
# Character references the templates' escaping writes (markupsafe) and no other: some legacy
# references read differently in the two tokenizers.
_OTHER_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|nbsp|#3[49]|#x2[27]);)")
_VOID = frozenset("br col meta link img hr wbr".split())
# Where body content is allowed: any of these may hold the others.
_FLOW = frozenset("div p span em strong b i u sup sub section br".split())
# Elements whose start closes an open <p> in the algorithm (only those the subset allows).
_CLOSES_P = frozenset("div p section table".split())
_TABLE_PARTS = {  # a table element: the children the algorithm keeps where they are
    "table": frozenset({"colgroup", "thead", "tbody", "tfoot"}),
    "colgroup": frozenset({"col"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
}


class NotPlain(Exception):
    """The page leaves the plain subset: WeasyPrint's parser must read it."""


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Element | None = None
        self.stack: list[Element] = []
        self.implied: set[int] = set()  # ids of the <tbody> elements the algorithm inserts
        self.doctype = False
        self.phase = "start"  # start, html, head, after head, body, after body, after html

    # -- text
    def _append_text(self, parent: Element, data: str) -> None:
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data

    def handle_data(self, data: str) -> None:
        blank = all(char in _WHITESPACE for char in data)
        phase = self.phase
        if phase == "body":
            current = self.stack[-1]
            if current.tag in _TABLE_PARTS and not blank:
                raise NotPlain  # the algorithm moves text out of tables
            self._append_text(current, data)
        elif phase == "head" and self.stack[-1].tag == "title":
            self._append_text(self.stack[-1], data)
        elif not blank:
            raise NotPlain
        elif phase in ("head", "after body", "after html"):  # into <head>, <body> after </body>
            self._append_text(self.stack[-1], data)
        elif phase == "after head":
            self._append_text(self.root, data)
        # before <html> and <head>, whitespace is dropped

    # -- tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attrib: dict[str, str] = {}
        for name, value in attrs:
            attrib.setdefault(name, "" if value is None else value)  # the first one wins
        if tag == "html":
            if self.phase != "start" or not self.doctype:  # no doctype: quirks mode
                raise NotPlain
            self.root = Element("html", attrib)
            self.stack = [self.root]
            self.phase = "html"
            return
        if self.phase == "html":
            if tag != "head":
                raise NotPlain
            self._open(tag, attrib)
            self.phase = "head"
            return
        if self.phase == "head":
            if tag == "title" or tag in ("meta", "link"):
                if self.stack[-1].tag != "head":
                    raise NotPlain
                self._open(tag, attrib)
                return
            raise NotPlain
        if self.phase == "after head":
            if tag != "body":
                raise NotPlain
            self._open(tag, attrib)
            self.phase = "body"
            return
        if self.phase != "body":
            raise NotPlain
        current = self.stack[-1]
        parts = _TABLE_PARTS.get(current.tag)
        if parts is not None:
            if tag == "tr" and current.tag == "table":
                tbody = self._open("tbody", {})
                self.implied.add(id(tbody))
            elif tag not in parts:
                raise NotPlain
        elif (tag in _TABLE_PARTS and tag != "table") or tag in ("td", "th", "col"):
            raise NotPlain  # a table part outside its table
        elif tag not in _FLOW and tag != "table":
            raise NotPlain
        if tag in _CLOSES_P and any(open_.tag == "p" for open_ in self.stack):
            raise NotPlain
        self._open(tag, attrib)

    def _open(self, tag: str, attrib: dict[str, str]) -> Element:
        element = Element(tag, attrib)
        self.stack[-1].append(element)
        if tag not in _VOID:
            self.stack.append(element)
        return element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            raise NotPlain  # <div/> opens a div in HTML
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            raise NotPlain
        if tag == "html":
            if self.phase != "after body":
                raise NotPlain
            self.phase = "after html"
            return
        if tag == "body":
            if self.phase != "body" or self.stack[-1].tag != "body":
                raise NotPlain
            self.phase = "after body"  # <body> stays open: what follows is its text
            return
        current = self.stack[-1]
        if tag == "table" and id(current) in self.implied:
            self.stack.pop()
            current = self.stack[-1]
        if current.tag != tag:
            raise NotPlain
        self.stack.pop()
        if tag == "head":
            self.phase = "after head"

    def handle_decl(self, decl: str) -> None:
        if self.phase != "start" or self.doctype or decl.lower() != "doctype html":
            raise NotPlain
        self.doctype = True

    def handle_comment(self, data: str) -> None:
        raise NotPlain

    def handle_pi(self, data: str) -> None:
        raise NotPlain

    def unknown_decl(self, data: str) -> None:
        raise NotPlain


def parse(html: str) -> Element | None:
    """Return the root element tinyhtml5 would give for ``html``, or None if it is not plain."""
    if "\r" in html or "\0" in html or _OTHER_REFERENCE.search(html):
        return None
    builder = _Builder()
    try:
        builder.feed(html)
        builder.close()
    except NotPlain:
        return None
    if builder.root is None or builder.phase not in ("after body", "after html"):
        return None
    if builder.rawdata:  # something the tokenizer kept back, unread
        return None
    return builder.root

"""service/render/html_tree.py builds the tree tinyhtml5 builds, or gives the page up."""

from __future__ import annotations

import collections
import json

import pytest
import tinyhtml5
from hypothesis import given

from service.catalog import KINDS
from service.errors import VanbanError
from service.pipeline import compose
from service.render import html_tree
from service.render.html import render_html

from .conftest import FIXTURES, valid_fixtures
from .generated import PROPERTY_SETTINGS, inputs
from .test_pdf_speed_levers import unusual_text_document

PLAIN: collections.Counter = collections.Counter()


def differences(ours, theirs, path: str = "html") -> list[str]:
    """Return where two element trees differ (tag, attributes, text, tail, children)."""
    mine = (ours.tag, ours.attrib, ours.text, ours.tail, len(ours))
    other = (theirs.tag, theirs.attrib, theirs.text, theirs.tail, len(theirs))
    if mine != other:
        return [f"{path}: {mine!r} != {other!r}"]
    found = []
    for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        found += differences(a, b, f"{path}/{a.tag}[{index}]")
    return found


def tinyhtml5_tree(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def pdf_page(document) -> str:
    return render_html(document, stylesheet=None)


@pytest.mark.parametrize("name", valid_fixtures())
def test_fixture_pages_are_plain_and_read_as_tinyhtml5_reads_them(name):
    page = pdf_page(compose(json.loads((FIXTURES / name).read_text(encoding="utf-8"))))
    tree = html_tree.parse(page)
    assert tree is not None
    assert differences(tree, tinyhtml5_tree(page)) == []


def test_unusual_text_reads_as_tinyhtml5_reads_it():
    page = pdf_page(unusual_text_document())
    tree = html_tree.parse(page)
    assert tree is not None
    assert differences(tree, tinyhtml5_tree(page)) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_generated_documents_read_as_tinyhtml5_reads_them(kind):
    @PROPERTY_SETTINGS
    @given(inputs(kind))
    def check(payload):
        try:
            document = compose(payload)
        except VanbanError:
            return
        page = pdf_page(document)
        tree = html_tree.parse(page)
        PLAIN[kind, tree is not None] += 1
        if tree is not None:
            assert differences(tree, tinyhtml5_tree(page)) == []

    check()
    print(f"{kind}: {PLAIN[kind, True]} plain pages, {PLAIN[kind, False]} left to tinyhtml5")
    assert PLAIN[kind, True] > 0, "no generated page was read: the property was not tested"


PLAIN_PAGES = [
    # rows written straight in a table get the <tbody> the algorithm inserts
    "<!DOCTYPE html>\n<html>\n<head>\n<title>t</title>\n</head>\n<body>\n<table>\n<colgroup>"
    "<col></colgroup>\n<tr>\n<td><p>a &amp; b</p></td>\n</tr>\n</table>\n</body>\n</html>\n",
    # whitespace after </body> and </html> is the body's
    "<!DOCTYPE html><html lang=vi><head></head> <body class=x><p>x</p>\n</body>\n</html> \n",
    "<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>&lt;b&gt;&#39;&#34;</p></body>",
]
NOT_PLAIN = [
    "<!DOCTYPE html><html><head></head><body><!-- a comment --></body></html>",
    "<!DOCTYPE html><html><head></head><body><p><div>a block in a paragraph</div></p>"
    "</body></html>",
    "<!DOCTYPE html><html><head></head><body><table>text in a table</table></body></html>",
    "<!DOCTYPE html><html><head></head><body><table><td>a cell alone</td></table></body></html>",
    "<!DOCTYPE html><html><head></head><body><em><strong>misnested</em></strong></body></html>",
    "<!DOCTYPE html><html><head></head><body><p>unclosed</body></html>",
    "<!DOCTYPE html><html><head></head><body><ul><li>an element outside the subset</li></ul>"
    "</body></html>",
    "<!DOCTYPE html><html><head></head><body><p>a\r\nb</p></body></html>",
    "<!DOCTYPE html><html><head></head><body><p>&copy &notin;</p></body></html>",
    "<!DOCTYPE html><html><head></head><body><div/></body></html>",
    "<html><head></head><body></body></html>",  # no doctype: quirks mode
    "<!DOCTYPE html><html><head></head><body><p>x</p></body></html>text after",
]


@pytest.mark.parametrize("page", PLAIN_PAGES)
def test_plain_pages_read_as_tinyhtml5_reads_them(page):
    tree = html_tree.parse(page)
    assert tree is not None
    assert differences(tree, tinyhtml5_tree(page)) == []


@pytest.mark.parametrize("page", NOT_PLAIN)
def test_other_pages_are_left_to_tinyhtml5(page):
    assert html_tree.parse(page) is None

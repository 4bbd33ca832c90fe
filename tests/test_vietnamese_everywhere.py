"""No English word reaches a clerk: every CLI help text and the usual CLI mistakes, the API's
errors for bad requests, and the pages (their text and the labels of their controls).

Names a clerk types as they are stay allowed: the commands (render, batch, lint, source,
kinds) and options (--format) of the CLI, formats (DOCX, PDF, JSON) and the like (english.py).
The editor's pages as built in the browser are checked in tests/browser (every kind, every
example)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import click
import pytest
from click.testing import CliRunner

from service.catalog import KINDS
from service.cli import main

from .conftest import FIXTURES
from .english import english_words

KIND_WORDS = {word for kind in KINDS for word in kind.split("-")}
# A field path heading an error line ("  issuer.name: …") names the data, as in the API.
FIELD_LINE = re.compile(r"^\s+[\w.]+:", re.MULTILINE)


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return the argument lists that reach every command of the CLI."""
    found = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # loads the commands `vanban` imports on demand
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def run(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert "Traceback" not in result.output
    return result.output + (result.stderr if result.stderr_bytes is not None else "")


COMMANDS = {word for command in all_commands() for word in command}


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: " ".join(c) or "vanban")
def test_every_help_text_is_vietnamese(command):
    text = run(*command, "--help")
    assert "Cách dùng:" in text
    assert english_words(text, COMMANDS) == []
    # capitals pass english_words as abbreviations; the names of arguments are not ones
    assert re.findall(r"\b(?:FILE|DRAFT|INPUT|OUTDIR|PATH|TEXT|INTEGER)\b", text) == []


MISTAKES = [
    ("render", "--format", "xx", "a.json"),
    ("render",),
    ("render", "a.json", "--khong-co"),
    ("render", "a.json", "b.json"),
    ("render", "-o"),
    ("khong-co-lenh",),
    ("rendr",),
    ("batch", "khong-co-thu-muc", "-o", "out"),
    ("batch", str(FIXTURES / "seeds"), "-o", "out", "--jobs", "0"),
    ("batch", str(FIXTURES / "seeds"), "-o", "out", "--jobs", "hai"),
    ("batch", str(FIXTURES / "seeds")),
    ("render", "khong-co.json"),
    ("render", "-"),
    ("source", "khong-co.docx"),
    ("lint", "khong-co.docx"),
    ("--version",),
]


@pytest.mark.parametrize("args", MISTAKES, ids=" ".join)
def test_cli_mistakes_are_told_in_vietnamese(args):
    text = run(*args, stdin='{"kind": }')
    assert text.strip()
    assert english_words(text, COMMANDS) == []


def test_invalid_input_on_the_cli_is_vietnamese(tmp_path):
    (tmp_path / "a.json").write_text(
        '{"kind": "ranking-decision", "number": "x"}', encoding="utf-8"
    )
    text = run("render", str(tmp_path / "a.json"))
    assert "Lỗi:" in text and english_words(FIELD_LINE.sub("", text), COMMANDS) == []


def _error_texts(body: dict) -> str:
    return " ".join([body["message"], *(m for msgs in body["errors"].values() for m in msgs)])


BAD_REQUESTS = [
    ("post", "/api/v1/documents", {"data": "{", "content_type": "application/json"}),
    ("post", "/api/v1/documents", {"data": '{"a": 1,}', "content_type": "application/json"}),
    ("post", "/api/v1/documents", {"data": "x", "content_type": "text/plain"}),
    ("post", "/api/v1/documents", {"json": {"kind": "khong-co"}}),
    ("post", "/api/v1/documents", {"json": {"kind": "ranking-decision"}}),
    ("post", "/api/v1/documents?format=odt", {"json": {"kind": "ranking-decision"}}),
    ("post", "/api/v1/documents", {"json": [1, 2]}),
    ("get", "/api/v1/kinds/khong-co", {}),
    ("get", "/api/v1/fixtures/khong-co.json", {}),
    ("get", "/api/v1/khong-co", {}),
    ("post", "/api/v1/lint", {"data": {"file": (io.BytesIO(b"xx"), "a.docx")}}),
    ("post", "/api/v1/lint", {"json": {}}),
    ("post", "/api/v1/sources", {"data": {"file": (io.BytesIO(b"xx"), "a.pdf")}}),
    ("post", "/api/v1/batches", {"data": "[", "content_type": "application/json"}),
    ("get", "/api/v1/batches/khong-co", {}),
    ("delete", "/api/v1/kinds", {}),
]


@pytest.mark.parametrize(("method", "url", "kwargs"), BAD_REQUESTS, ids=lambda v: str(v)[:40])
def test_api_errors_are_vietnamese(client, method, url, kwargs):
    answer = getattr(client, method)(url, **kwargs)
    assert 400 <= answer.status_code < 500
    body = answer.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert english_words(_error_texts(body), KIND_WORDS) == []


class _Text(HTMLParser):
    """Collect what a page shows or says: text outside scripts, and the labels of controls.

    Rule ids (<code>page.margins</code>) are identifiers, as option names are on the CLI."""

    SAID = ("title", "aria-label", "placeholder", "alt", "value")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self.skip += 1
        if tag == "option" or tag not in ("input", "option", "select"):
            self.parts += [v for k, v in attrs if k in self.SAID[:4] and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


PAGES = ["/", "/lint", "/kinds/khong-co", *(f"/kinds/{kind}" for kind in KINDS)]


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_vietnamese(client, url):
    parser = _Text()
    parser.feed(client.get(url).get_data(as_text=True))
    text = re.sub(r"\s+", " ", " ".join(parser.parts))
    assert english_words(text, KIND_WORDS) == []

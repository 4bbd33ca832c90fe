"""The clerks' pages and their helpers through the Flask test client: pages, assets, fixtures,
the content security policy, and no inline script anywhere in served HTML."""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from service.api.spec import kind_json_schema
from service.app import create_app
from service.catalog import KINDS
from service.config import Settings

from .conftest import FIXTURES, ROOT

WEB = ROOT / "service" / "web"
OUR_STATIC = [
    "app.css",
    "preview-frame.css",
    "favicon.svg",
    "main.js",
    "api.js",
    "dom.js",
    "labels.js",
    "preview.js",
    "schema.js",
    "schema-form.js",
    "widgets.js",
]
OUR_TEMPLATES = ["base.html", "index.html"]
SEED = "seeds/000-ranking-decision-2113-2023.json"
JS_TYPES = {"text/javascript", "application/javascript"}
ERROR_KEYS = {"code", "status", "message", "errors"}


class Inventory(HTMLParser):
    """What a page holds that matters for the CSP: scripts, handlers, styles, linked URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.handlers: list[str] = []
        self.style_attributes = 0
        self.style_elements = 0
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        self.style_attributes += "style" in named
        self.style_elements += tag == "style"
        for name in ("src", "href"):
            if named.get(name):
                self.urls.append(named[name])
        if tag == "script":
            self.scripts.append({"attrs": named, "body": ""})
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1]["body"] += data


def inventory(html: str) -> Inventory:
    parser = Inventory()
    parser.feed(html)
    parser.close()
    return parser


def page_urls() -> list[str]:
    """Return every page the app serves as HTML."""
    urls = ["/", "/kinds/no-such-kind", "/?kind=no-such-kind", "/api/docs"]
    for kind in KINDS:
        urls += [f"/?kind={kind}", f"/kinds/{kind}", f"/kinds/{kind}?fixture={SEED}"]
    return urls


def test_home_lists_every_kind_with_its_title(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    for kind, spec in KINDS.items():
        assert f'href="/kinds/{kind}"' in html and spec.title in html
    assert 'id="editor"' not in html and "main.js" not in html  # no kind chosen yet


@pytest.mark.parametrize("url", ["/?kind=ranking-decision", "/kinds/ranking-decision"])
def test_a_kind_page_has_the_editor(client, url):
    html = client.get(url).get_data(as_text=True)
    assert 'data-kind="ranking-decision"' in html and 'aria-current="page"' in html
    assert 'data-schema-url="/ui/schema/ranking-decision"' in html
    assert 'data-document-css="/ui/document.css"' in html
    assert '<script type="module" src="/static/main.js"></script>' in html
    frame = re.search(r"<iframe[^>]*>", html)[0]
    assert 'sandbox="allow-same-origin"' in frame and "allow-scripts" not in frame
    for label in ("Lưu JSON", "Tải DOCX", "Tải PDF", "Nạp mẫu", "Mở tệp JSON", "Xem trước"):
        assert label in html


def test_the_fixture_named_in_the_address_is_passed_to_the_script(client):
    html = client.get(f"/kinds/ranking-decision?fixture={SEED}").get_data(as_text=True)
    assert f'data-fixture="{SEED}"' in html


@pytest.mark.parametrize("url", ["/kinds/no-such-kind", "/?kind=no-such-kind"])
def test_an_unknown_kind_is_a_404_page_in_vietnamese(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "Không có loại văn bản" in html and "no-such-kind" in html and "main.js" not in html


def test_the_debounce_delay_comes_from_the_settings():
    app = create_app({"TESTING": True}, Settings(preview_debounce_ms=250))
    html = app.test_client().get("/kinds/ranking-decision").get_data(as_text=True)
    assert 'data-debounce-ms="250"' in html


def referenced_modules(source: str) -> list[str]:
    """Return the relative module paths a JS module imports."""
    return re.findall(r"""\bfrom\s+["'](\./[^"']+)["']""", source)


def test_every_asset_and_module_a_page_uses_is_served(client):
    html = client.get("/kinds/ranking-decision").get_data(as_text=True)
    local = [u for u in inventory(html).urls if u.startswith("/") and not u.startswith("//")]
    assets = [u for u in local if u.startswith(("/static/", "/ui/"))]
    assert {"/static/app.css", "/static/main.js", "/static/favicon.svg"} <= set(assets)
    pending, seen = list(assets), set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".js"):
            assert response.mimetype in JS_TYPES, url
            base = url.rsplit("/", 1)[0]
            pending += [f"{base}/{m[2:]}" for m in referenced_modules(response.get_data(True))]
        response.close()
    assert {f"/static/{name}" for name in OUR_STATIC if name.endswith(".js")} <= seen


@pytest.mark.parametrize(
    ("url", "mimetype"),
    [
        ("/ui/document.css", "text/css"),
        ("/static/app.css", "text/css"),
        ("/static/preview-frame.css", "text/css"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/favicon.ico", "image/svg+xml"),
    ],
)
def test_stylesheets_and_icon_are_served_with_their_types(client, url, mimetype):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == mimetype
    response.close()


def test_the_preview_uses_the_documents_own_stylesheet(client):
    response = client.get("/ui/document.css")
    source = ROOT / "templates" / "decisions" / "document.css"
    assert response.data == source.read_bytes()
    response.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_form_schema_keeps_declaration_order(client, kind):
    response = client.get(f"/ui/schema/{kind}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = json.loads(response.data)  # dicts keep the order of the document
    expected = kind_json_schema(kind)
    assert body["kind"] == kind and body["title"] == KINDS[kind].title
    assert list(body["schema"]["properties"]) == list(expected["properties"])
    assert body["schema"] == client.get(f"/api/v1/kinds/{kind}").get_json()["schema"]


def test_the_form_schema_of_an_unknown_kind_is_a_404(client):
    response = client.get("/ui/schema/nope")
    assert response.status_code == 404 and set(response.get_json()) == ERROR_KEYS


# ---- Fixtures --------------------------------------------------------------------------------


def test_fixtures_are_listed_with_vietnamese_labels(client):
    fixtures = client.get("/api/v1/fixtures").get_json()["fixtures"]
    by_path = {f["path"]: f for f in fixtures}
    seed = by_path[SEED]
    assert seed["kind"] == "ranking-decision" and seed["folder_label"] == "Văn bản mẫu gốc"
    assert seed["label"].startswith("Số 2113, ngày 31/12/2023: Về việc phê duyệt")
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.json")}
    assert set(by_path) <= on_disk
    for entry in fixtures:
        assert unicodedata.is_normalized("NFC", entry["label"]) and entry["label"]


def test_fixtures_can_be_listed_for_one_kind(client):
    fixtures = client.get("/api/v1/fixtures?kind=ranking-decision").get_json()["fixtures"]
    assert fixtures and {f["kind"] for f in fixtures} == {"ranking-decision"}
    assert client.get("/api/v1/fixtures?kind=nope").get_json() == {"fixtures": []}


def test_every_listed_fixture_is_served_as_stored(client):
    for entry in client.get("/api/v1/fixtures").get_json()["fixtures"]:
        response = client.get(f"/api/v1/fixtures/{entry['path']}")
        assert response.status_code == 200 and response.mimetype == "application/json"
        assert response.data == (FIXTURES / entry["path"]).read_bytes()


@pytest.mark.parametrize(
    "name",
    [
        "../pyproject.toml",
        "..%2Fpyproject.toml",
        "%2e%2e/pyproject.toml",
        "seeds/../../pyproject.toml",
        "seeds/..%2F..%2Fpyproject.toml",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "..%5C..%5Cpyproject.toml",
        "../service/data/level-schemes.json",
        "../../../../../../etc/hostname.json",
        "seeds",
        "seeds/",
        "missing.json",
        f"{SEED}%00.json",
        "seeds/000-ranking-decision-2113-2023.JSON",
    ],
)
def test_a_path_outside_the_fixtures_is_refused(client, name):
    # ("//etc/passwd" is first redirected to /api/v1/fixtures/etc/passwd: merged slashes)
    response = client.get(f"/api/v1/fixtures/{name}", follow_redirects=True)
    assert response.status_code == 404
    assert set(response.get_json()) == ERROR_KEYS
    assert b"[project]" not in response.data and b"root:" not in response.data


def test_a_link_out_of_the_fixtures_directory_is_neither_listed_nor_served(tmp_path):
    root = tmp_path / "fixtures"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "ok.json").write_text(
        '{"kind": "ranking-decision", "number": 7}', encoding="utf-8"
    )
    (root / "seeds" / "broken.json").write_text("{not json", encoding="utf-8")
    (root / "seeds" / "list.json").write_text("[1, 2]", encoding="utf-8")
    secret = tmp_path / "secret.json"
    secret.write_text('{"kind": "ranking-decision", "secret": true}', encoding="utf-8")
    (root / "seeds" / "link.json").symlink_to(secret)
    client = create_app({"TESTING": True, "VANBAN_FIXTURES_DIR": str(root)}).test_client()
    listed = [f["path"] for f in client.get("/api/v1/fixtures").get_json()["fixtures"]]
    assert listed == ["seeds/ok.json"]
    assert client.get("/api/v1/fixtures/seeds/link.json").status_code == 404
    assert client.get("/api/v1/fixtures/seeds/ok.json").get_json()["number"] == 7


def test_fixtures_need_the_token_when_the_api_does():
    client = create_app({"TESTING": True}, Settings(api_tokens=("alpha",))).test_client()
    assert client.get("/api/v1/fixtures").status_code == 401
    assert (
        client.get("/api/v1/fixtures", headers={"Authorization": "Bearer alpha"}).status_code == 200
    )
    assert client.get("/kinds/ranking-decision").status_code == 200  # pages stay open


# ---- Content security policy and inline code -------------------------------------------------


@pytest.mark.parametrize("url", page_urls())
def test_pages_send_the_strict_policy(client, url):
    policy = client.get(url).headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "http" not in policy
    if not url.startswith("/api/docs"):
        assert "unsafe-inline" not in policy


@pytest.mark.parametrize("url", page_urls())
def test_no_inline_script_or_event_handler_in_a_page(client, url):
    found = inventory(client.get(url).get_data(as_text=True))
    assert not found.handlers
    for script in found.scripts:
        assert script["attrs"].get("src") and not script["body"].strip(), script
    if not url.startswith("/api/docs"):
        assert found.style_attributes == 0 and found.style_elements == 0


def test_the_previewed_document_html_has_no_script_at_all(client, ranking_payload):
    response = client.post("/api/v1/documents?format=html", json=ranking_payload)
    found = inventory(response.get_data(as_text=True))
    assert not found.scripts and not found.handlers
    # Inline styles (column widths) are applied by the preview through the CSSOM; none of them
    # may fetch anything.
    styles = re.findall(r' style="([^"]*)"', response.get_data(as_text=True))
    assert len(styles) == found.style_attributes and not any("url(" in s for s in styles)


# ---- Source hygiene ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [WEB / "static" / n for n in OUR_STATIC] + [WEB / "templates" / n for n in OUR_TEMPLATES],
    ids=lambda p: p.name,
)
def test_ui_sources_are_nfc_and_fetch_nothing_from_elsewhere(path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    remote = [
        u for u in re.findall(r"https?://[^\s\"')]+", text) if urlsplit(u).netloc != "www.w3.org"
    ]  # the SVG namespace is a name, not a fetch
    assert not remote
    assert "innerHTML" not in text and "eval(" not in text and "new Function" not in text


def test_every_page_links_to_the_register(client):
    for path in ("/", "/kinds/decision", "/lint", "/register"):
        assert 'href="/register"' in client.get(path).get_data(as_text=True), path

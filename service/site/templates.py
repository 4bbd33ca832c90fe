"""Check a site's own templates (``templates/``): names, Jinja syntax, variables, a trial render."""

from __future__ import annotations

import json
import zipfile
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from jinja2 import meta
from lxml import etree

from ..errors import VanbanError
from ..model import Document
from ..render import PACKAGED, SHARED_DOCX, TemplateSet
from .problems import SiteProblem

# What the HTML templates are given (service.render.html.render_html).
HTML_VARIABLES = frozenset({"document", "standalone", "stylesheet", "issued", "notes"})
# The example each kind is tried with: the first packaged fixture of that kind.
EXAMPLE_FOLDERS = ("seeds", "decisions")


def check_templates(site: Path, kinds: set[str], problems: list[SiteProblem]) -> None:
    """Note every fault of the templates in ``site/templates``."""
    folder = site / "templates"
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        name = f"templates/{path.name}"
        if path.name.startswith(".") or path.is_dir():
            continue
        targets = _kinds_of(path, kinds)
        if targets is None:
            problems.append(SiteProblem(name, "", "", _unknown_name(kinds)))
        elif path.suffix == ".docx":
            _check_docx(path, name, targets, problems)
        else:
            _check_html(folder, path, name, targets, problems)


def _kinds_of(path: Path, kinds: set[str]) -> list[str] | None:
    """Return the kinds a template file serves, or None when its name fits none."""
    if path.name == SHARED_DOCX:
        return sorted(kinds)
    if path.suffix in (".docx", ".html") and path.stem in kinds:
        return [path.stem]
    if path.suffix == ".html" and path.stem.startswith("_"):
        return []  # a partial another template includes
    return None


def _unknown_name(kinds: set[str]) -> str:
    names = ", ".join(sorted(kinds))
    return (
        f"Tên tệp không ứng với loại văn bản nào. Dùng <loại>.docx hoặc <loại>.html (loại: {names}), "
        f"hoặc {SHARED_DOCX} cho mọi loại."
    )


def _check_docx(path: Path, name: str, kinds: list[str], problems: list[SiteProblem]) -> None:
    """Note a Word template that is not a DOCX, does not compile, or asks for unknown names."""
    from docxtpl import DocxTemplate

    from ..render.docx import docx_context, load_template, render_docx

    try:
        load_template(path)
        undeclared = DocxTemplate(path).get_undeclared_template_variables()
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        problems.append(SiteProblem(name, "", "", "Không phải tệp Word (DOCX) đọc được."))
        return
    except jinja2.TemplateSyntaxError as error:
        problems.append(SiteProblem(name, "", "", _syntax(error)))
        return
    except ValueError as error:  # a construct the fast renderer refuses ({%tc %})
        problems.append(SiteProblem(name, "", "", f"Mẫu dùng cú pháp không hỗ trợ: {error}."))
        return
    offered = set(docx_context(example(kinds[0])))
    for variable in sorted(undeclared - offered):
        problems.append(SiteProblem(name, "", variable, _unprovided(variable, kinds, offered)))
    if undeclared - offered:
        return
    for kind in kinds:
        _try(name, kind, lambda doc: render_docx(doc, path), problems)


def _check_html(
    folder: Path, path: Path, name: str, kinds: list[str], problems: list[SiteProblem]
) -> None:
    """Note an HTML template that does not compile or asks for names it is not given."""
    from ..render.html import environment, render_html

    env = environment((folder, PACKAGED))
    try:
        source = path.read_text(encoding="utf-8")
        undeclared = meta.find_undeclared_variables(env.parse(source))
    except UnicodeDecodeError:
        problems.append(SiteProblem(name, "", "", "Tệp không phải văn bản UTF-8."))
        return
    except jinja2.TemplateSyntaxError as error:  # its line is the file's (not so in a DOCX)
        problems.append(SiteProblem(name, "", "", f"Dòng {error.lineno}: {_syntax(error)}"))
        return
    for variable in sorted(undeclared - HTML_VARIABLES):
        problems.append(
            SiteProblem(name, "", variable, _unprovided(variable, kinds, HTML_VARIABLES))
        )
    templates = TemplateSet(folder)
    for kind in [] if undeclared - HTML_VARIABLES else kinds:
        _try(name, kind, lambda doc: render_html(doc, templates=templates), problems)


def _try(name: str, kind: str, render, problems: list[SiteProblem]) -> None:
    """Render the example of ``kind``; note the failure in the clerk's words."""
    try:
        render(example(kind))
    except (VanbanError, jinja2.TemplateError) as error:
        detail = getattr(error, "message", None) or str(error)
        problems.append(
            SiteProblem(name, "", "", f"In thử văn bản mẫu loại {kind} không được: {detail}")
        )


def _syntax(error: jinja2.TemplateSyntaxError) -> str:
    return (
        "Thẻ mẫu (Jinja) sai cú pháp: thiếu '}}' hay '%}', hoặc {% if %}/{% for %} không có "
        f"{{% endif %}}/{{% endfor %}} tương ứng. Chi tiết: {error.message}"
    )


def _unprovided(variable: str, kinds: list[str], offered: set[str] | frozenset[str]) -> str:
    return (
        f"Mẫu dùng biến “{variable}” mà loại văn bản {', '.join(kinds)} không cung cấp. "
        f"Các biến có: {', '.join(sorted(offered))}."
    )


@cache
def example(kind: str) -> Document:
    """Return the packaged example of ``kind``, composed with the packaged reference data."""
    from ..catalog import packaged_resources
    from ..pipeline import compose

    fixtures = Path(str(resources.files("service.fixtures")))
    for folder in EXAMPLE_FOLDERS:
        for path in sorted((fixtures / folder).glob("*.json")):
            payload = json.loads(path.read_text(encoding="utf-8"))
            if payload.get("kind") == kind:
                return compose(payload, packaged_resources())
    raise LookupError(f"no packaged example of {kind}")

"""The wheel renders on its own: built, installed into a new virtualenv, run from another folder.

The new virtualenv gets the project's dependencies through a path file pointing at this
environment's site-packages (path files inside that folder are not read, so the development
install of vanban itself stays out); vanban comes from the wheel alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

KIND_EXAMPLES = {
    "ranking-decision": "seeds/000-ranking-decision-2113-2023.json",
    "conclusion-notice": "seeds/001-conclusion-notice-iso-2023.json",
    "inspection-plan": "seeds/002-inspection-plan-52-2015.json",
    "quality-objectives-decision": "seeds/004-quality-objectives-2022.json",
    "decision": "decisions/decision-issuing-plan.json",
}
MAGIC = {"docx": b"PK\x03\x04", "pdf": b"%PDF-", "html": b"<!DOCTYPE html>"}
APP_SCRIPT = """
import json, sys
import service
from service.app import create_app
client = create_app({"TESTING": True}).test_client()
examples = json.loads(sys.argv[1])
out = {"package": service.__file__}
for kind, name in examples.items():
    payload = client.get("/api/v1/fixtures/" + name).get_json()
    for fmt in ("docx", "pdf", "html"):
        r = client.post("/api/v1/documents?format=" + fmt, json=payload)
        out[kind + "." + fmt] = [r.status_code, r.data[:16].decode("latin-1")]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Return the bin folder of a new virtualenv holding the wheel built from the project."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*build, "-q", "-w", str(dist), str(ROOT)], check=True, cwd=base)
    (wheel,) = dist.glob("vanban-*.whl")
    env_dir = base / "env"
    venv.create(env_dir, with_pip=False)
    site = Path(sysconfig.get_paths(vars={"base": str(env_dir)})["purelib"])
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = env_dir / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
    subprocess.run([*pip, str(wheel)], check=True, cwd=base)
    return env_dir / "bin"


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VANBAN_SITE_DIR")}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=120)


def test_the_wheel_holds_templates_fixtures_data_and_web_assets(installed, tmp_path):
    probe = (
        "import service, pathlib; p = pathlib.Path(service.__file__).parent; "
        "print(sorted(str(f.relative_to(p)) for f in p.rglob('*') if f.suffix in "
        "('.docx', '.html', '.css', '.json', '.js')))"
    )
    found = run([str(installed / "python"), "-c", probe], tmp_path)
    assert found.returncode == 0, found.stderr.decode()
    files = found.stdout.decode()
    for name in (
        "templates/decisions/document.docx",
        "templates/decisions/document.css",
        "templates/decisions/ranking-decision.html",
        "fixtures/seeds/000-ranking-decision-2113-2023.json",
        "legal/registry.json",
        "directory/bodies.json",
        "data/level-schemes.json",
        "web/static/main.js",
    ):
        assert name in files


@pytest.mark.parametrize("kind", KIND_EXAMPLES)
def test_the_console_script_renders_every_kind_from_another_folder(installed, tmp_path, kind):
    source = tmp_path / "input.json"
    source.write_bytes((ROOT / "fixtures" / KIND_EXAMPLES[kind]).read_bytes())
    for fmt, magic in MAGIC.items():
        out = tmp_path / f"out.{fmt}"
        done = run(
            [str(installed / "vanban"), "render", "input.json", "-f", fmt, "-o", out.name], tmp_path
        )
        assert done.returncode == 0, done.stderr.decode()
        assert out.read_bytes().startswith(magic), (kind, fmt)


def test_create_app_serves_every_kind_from_the_installed_package(installed, tmp_path):
    done = run([str(installed / "python"), "-c", APP_SCRIPT, json.dumps(KIND_EXAMPLES)], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert not result.pop("package").startswith(str(ROOT))  # the wheel's copy, not the checkout
    assert len(result) == 15
    for key, (status, head) in result.items():
        assert status == 200, key
        assert head.encode("latin-1").startswith(MAGIC[key.rsplit(".", 1)[1]][:5]), key

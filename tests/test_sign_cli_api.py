"""`vanban sign` / `vanban verify` and POST /api/v1/signatures, /api/v1/verify, ?variant=."""

from __future__ import annotations

import io
import json

import pikepdf
import pytest
from click.testing import CliRunner

from service.app import create_app
from service.cli import main
from service.sign.config import BodyKey, SigningConfig, signing_from_env
from service.sign.errors import SignError
from service.sign.keys import KeySpec
from tests.conftest import FIXTURES
from tests.pki import PASSWORD

FIXTURE = FIXTURES / "seeds" / "004-quality-objectives-2022.json"


@pytest.fixture(scope="module")
def files(pki, images, tmp_path_factory):
    """Return the paths the commands use: the ready PDF, the images, the keys, the trust list."""
    folder = tmp_path_factory.mktemp("cli")
    paths = {
        "ready": folder / "qd.pdf",
        "signature": folder / "chu-ky.png",
        "seal": folder / "dau.png",
    }
    paths["signature"].write_bytes(images["signer"])
    paths["seal"].write_bytes(images["body"])
    result = CliRunner().invoke(
        main, ["render", str(FIXTURE), "--format", "pdf-ky", "-o", str(paths["ready"])]
    )
    assert result.exit_code == 0, result.output
    paths |= {"signer": pki.p12("signer"), "body": pki.p12("body"), "root": pki.root_pem()}
    return paths


def sign(files, source, role, output, *extra, env=None):
    key = files["signer" if role == "signer" else "body"]
    image = files["signature" if role == "signer" else "seal"]
    args = ["sign", str(source), "--as", role, "--p12", str(key), "--image", str(image)]
    return CliRunner().invoke(
        main, [*args, "-o", str(output), *extra], env={"VANBAN_SIGN_PIN": PASSWORD, **(env or {})}
    )


def test_sign_then_verify_from_the_command_line(files, tsa_url, tmp_path):
    signed, issued = tmp_path / "signed.pdf", tmp_path / "issued.pdf"
    assert sign(files, files["ready"], "signer", signed, "--tsa", tsa_url).exit_code == 0
    result = sign(
        files,
        signed,
        "body",
        issued,
        "--tsa",
        tsa_url,
        "--level",
        "B-LT",
        "--trust",
        str(files["root"]),
    )
    assert result.exit_code == 0, result.output
    assert "B-LT" in result.output
    verified = CliRunner().invoke(
        main, ["verify", str(issued), "--trust", str(files["root"]), "--json"]
    )
    assert verified.exit_code == 0, verified.output
    report = json.loads(verified.output)
    assert report["ok"] and [s["role"] for s in report["signatures"]] == ["signer", "body"]
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(issued.read_bytes().replace(b"%PDF-1.7\n%", b"%PDF-1.7\n#", 1))
    flagged = CliRunner().invoke(main, ["verify", str(tampered), "--trust", str(files["root"])])
    assert flagged.exit_code == 1 and "nguyên vẹn" in flagged.output


def test_a_wrong_password_exits_2_and_writes_nothing(files, tmp_path):
    out = tmp_path / "out.pdf"
    result = sign(files, files["ready"], "signer", out, env={"VANBAN_SIGN_PIN": "sai"})
    assert result.exit_code == 2 and "Sai mật khẩu" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sign", "{ready}", "--as", "signer", "--box", "1,2,3"], "--box phải có dạng"),
        (["sign", "{missing}", "--as", "signer", "--p12", "x"], "Không tìm thấy tệp"),
        (["verify", "{png}"], "không phải PDF"),
    ],
)
def test_bad_arguments_exit_2_in_vietnamese(files, args, message, tmp_path):
    names = {"ready": files["ready"], "missing": tmp_path / "none.pdf", "png": files["seal"]}
    result = CliRunner().invoke(
        main, [a.format(**names) for a in args], env={"VANBAN_SIGN_PIN": "x"}
    )
    assert result.exit_code == 2 and message in result.output


def test_render_takes_a_pdf_variant(tmp_path):
    out = tmp_path / "plain.pdf"
    result = CliRunner().invoke(
        main, ["render", str(FIXTURE), "-f", "pdf", "--variant", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0
    with pikepdf.open(out) as pdf:
        assert "/OutputIntents" not in pdf.Root
    archived = tmp_path / "a.pdf"
    CliRunner().invoke(main, ["render", str(FIXTURE), "-f", "pdf", "-o", str(archived)])
    with pikepdf.open(archived) as pdf:
        assert pdf.open_metadata().get("pdfaid:part") == "3"


@pytest.fixture
def signing_app(files, tsa_url):
    config = SigningConfig(
        body=BodyKey(
            KeySpec(p12=str(files["body"]), pin=PASSWORD),
            str(files["seal"]),
            36.0,
            "UBND tỉnh Bắc Giang",
        ),
        trust_roots=(str(files["root"]),),
        tsa_url=tsa_url,
    )
    return create_app({"TESTING": True, "VANBAN_SIGNING": config})


def test_the_api_signs_with_the_bodys_key_and_verifies(signing_app, files, tmp_path):
    signed = tmp_path / "signed.pdf"
    assert sign(files, files["ready"], "signer", signed).exit_code == 0
    client = signing_app.test_client()
    answer = client.post(
        "/api/v1/signatures",
        data={"role": "body", "file": (io.BytesIO(signed.read_bytes()), "qd.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_json()
    assert answer.mimetype == "application/pdf"
    checked = client.post(
        "/api/v1/verify",
        data={"file": (io.BytesIO(answer.data), "qd.da-ky.pdf")},
        content_type="multipart/form-data",
    ).get_json()
    assert checked["ok"] and [s["role"] for s in checked["signatures"]] == ["signer", "body"]


def test_the_api_signs_a_copy_with_the_bodys_name(signing_app, files):
    answer = signing_app.test_client().post(
        "/api/v1/signatures",
        data={
            "role": "copy",
            "text": "sao y",
            "file": (io.BytesIO(files["ready"].read_bytes()), "qd.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_json()


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        (
            {"role": "body", "file": (io.BytesIO(b"not a pdf"), "x.pdf")},
            "multipart/form-data",
            422,
            "not_a_pdf",
        ),
        ({"role": "signer"}, "multipart/form-data", 422, "invalid_input"),
        ({"role": "body"}, "multipart/form-data", 422, "invalid_input"),
        (
            {"role": "body", "file": (io.BytesIO(b"%PDF"), "x.pdf")},
            "multipart/form-data",
            422,
            "not_a_pdf",
        ),
    ],
)
def test_the_api_refuses_bad_uploads_in_the_error_shape(
    signing_app, data, content_type, status, code
):
    answer = signing_app.test_client().post(
        "/api/v1/signatures", data=data, content_type=content_type
    )
    body = answer.get_json()
    assert answer.status_code == status and body["code"] == code
    assert set(body) == {"code", "status", "message", "errors"}


def test_without_a_configured_key_the_api_says_so(client):
    answer = client.post(
        "/api/v1/signatures",
        data={"role": "body", "file": (io.BytesIO(b"%PDF-1.7"), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 503 and answer.get_json()["code"] == "signing_unavailable"
    assert client.post("/api/v1/verify", json={}).status_code == 415


def test_documents_take_a_variant(client, ranking_payload):
    plain = client.post("/api/v1/documents?format=pdf&variant=pdf", json=ranking_payload)
    assert plain.status_code == 200
    with pikepdf.open(io.BytesIO(plain.data)) as pdf:
        assert "/OutputIntents" not in pdf.Root
    wrong = client.post("/api/v1/documents?format=pdf&variant=pdf/x-9", json=ranking_payload)
    assert wrong.status_code == 422 and "variant" in wrong.get_json()["errors"]


def test_the_signing_settings_come_from_vanban_variables(tmp_path):
    config = signing_from_env(
        {
            "VANBAN_SIGN_P12": "/k/body.p12",
            "VANBAN_SIGN_PIN": "1",
            "VANBAN_SEAL_IMAGE": "/k/dau.png",
            "VANBAN_SEAL_MM": "40,5",
            "VANBAN_TRUST_ROOTS": "/k/a.pem,/k/b.pem",
            "VANBAN_TSA_URL": "http://127.0.0.1:1/",
        }
    )
    assert config.body.key.p12 == "/k/body.p12" and config.body.seal_mm == 40.5
    assert (
        config.trust_roots == ("/k/a.pem", "/k/b.pem") and config.tsa_url == "http://127.0.0.1:1/"
    )
    assert signing_from_env({}).body is None
    with pytest.raises(SystemExit, match="VANBAN_SEAL_MM"):
        signing_from_env({"VANBAN_SIGN_P12": "x", "VANBAN_SEAL_MM": "nhiều"})


def test_the_site_folder_configures_the_bodys_key(tmp_path):
    (tmp_path / "signing.json").write_text(
        json.dumps(
            {
                "p12": "keys/ubnd.p12",
                "seal_image": "dau.png",
                "seal_mm": 38,
                "trust_roots": ["trust/root.pem"],
                "name": "UBND tỉnh Bắc Giang",
            }
        ),
        encoding="utf-8",
    )
    config = signing_from_env({"VANBAN_SIGN_PIN": "1"}, site=str(tmp_path))
    assert config.body.key.p12 == str(tmp_path / "keys/ubnd.p12") and config.body.key.pin == "1"
    assert config.body.seal_mm == 38 and config.trust_roots == (str(tmp_path / "trust/root.pem"),)
    overridden = signing_from_env({"VANBAN_SITE_DIR": str(tmp_path), "VANBAN_SEAL_MM": "40"})
    assert overridden.body.seal_mm == 40 and overridden.body.name == "UBND tỉnh Bắc Giang"
    (tmp_path / "signing.json").write_text('{"pin": "1234"}', encoding="utf-8")
    with pytest.raises(SignError, match=r"signing\.json"):
        signing_from_env({}, site=str(tmp_path))

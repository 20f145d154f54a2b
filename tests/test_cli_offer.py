"""``bilan-core offer check | lheo | example`` and ``schema --offer``."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import jsonschema
import pendulum
import pytest

import bilan_core as bc
from bilan_core.cli import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, main
from bilan_core.report import report_schema
from test_offer_rules import COMPLETE

STAFF = Path(__file__).parent.parent / "examples" / "offers" / "staff.json"
ON = "2026-06-01"
CODES = ["--formacode", "15081", "--formacode-version", "V14", "--public-code", "80056"]


def _expected(offer: bc.Offer) -> list[str]:
    report = bc.check_offer(offer, on=pendulum.date(2026, 6, 1))
    return [v.rule_id for v in report.violations]


def test_check_the_staff_offer_lists_what_check_offer_finds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 1 (errors), each rule id of the library's report, in its order, in French."""
    assert main(["offer", "check", str(STAFF), "--on", ON]) == EXIT_INVALID
    out = capsys.readouterr().out
    words = [line.split() for line in out.splitlines() if line.startswith("    ")]
    found = [w[1] for w in words if len(w) > 1 and w[0].isupper() and w[1].startswith("QUALIOPI")]
    assert found == _expected(bc.example_offer())
    assert "NON CONFORME" in out
    assert "l'offre n'indique aucun tarif (Décret n° 2019-565, annexe, indicateur 1)" in out


def test_check_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offer", "check", str(STAFF), "--on", ON, "--lang", "en"]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "NOT OK" in out
    assert "the offer gives no price (Décret n° 2019-565, annexe, indicateur 1)" in out


@pytest.mark.parametrize("output", ["json", "jsonl"])
def test_check_as_json_follows_the_report_schema(
    output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON output is validate's report document (one report), and its schema holds."""
    assert main(["offer", "check", str(STAFF), "--on", ON, "--format", output]) == EXIT_INVALID
    out = capsys.readouterr().out
    if output == "json":
        document = json.loads(out)
        jsonschema.validate(document, report_schema())
        (entry,) = document["reports"]
        assert document["summary"]["failed"] == 1
    else:
        (line,) = out.splitlines()
        entry = json.loads(line)
    assert entry["source"] == str(STAFF)
    assert entry["bilan_id"] == "staff-bilan-de-competences"
    assert [v["rule_id"] for v in entry["violations"]] == _expected(bc.example_offer())
    assert all(set(v["message"]) == {"fr", "en"} for v in entry["violations"])


def test_a_complete_offer_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only errors fail: an offer with warnings alone exits 0."""
    offer = attrs.evolve(COMPLETE, qualiopi=None)  # a warning, no error
    path = tmp_path / "offer.json"
    path.write_bytes(bc.dumps_offer(offer))
    assert main(["offer", "check", str(path), "--on", ON]) == EXIT_OK
    assert "QUALIOPI-CERTIFICATE-DISPLAY" in capsys.readouterr().out


def test_check_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(STAFF.read_bytes()))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["offer", "check", "-", "--on", ON, "--format", "jsonl"]) == EXIT_INVALID
    assert json.loads(capsys.readouterr().out)["source"] == "<stdin>"


def test_no_secondary_leaves_out_the_guide(capsys: pytest.CaptureFixture[str]) -> None:
    main(["offer", "check", str(STAFF), "--on", ON, "--format", "jsonl", "--no-secondary"])
    entry = json.loads(capsys.readouterr().out)
    ids = [v["rule_id"] for v in entry["violations"]]
    assert "QUALIOPI-IND1-DATED" in _expected(bc.example_offer())
    assert "QUALIOPI-IND1-DATED" not in ids
    assert "QUALIOPI-IND1-PRICES" in ids


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_bad_offer_exits_2_with_paths(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = bc.dump_offer(bc.example_offer())
    document["prices"] = [{"amount": "12,5"}]
    document["bogus"] = 1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["offer", "check", str(path), "--lang", lang]) == EXIT_UNUSABLE
    captured = capsys.readouterr()
    assert "$.prices[0].amount" in captured.err
    assert "$.bogus" in captured.err
    assert ("clé inconnue" if lang == "fr" else "unknown key") in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("content", [b"", b"{nope", b"[]", b'{"format": "bilan-core/1"}'])
def test_unreadable_offers_exit_2(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["offer", "check", str(path)]) == EXIT_UNUSABLE
    assert "$" in capsys.readouterr().err


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offer", "lheo", "nope.json", *CODES, "--lang", "en"]) == EXIT_UNUSABLE
    assert "nope.json: cannot read the file" in capsys.readouterr().err


def test_lheo_to_standard_output(capsys: pytest.CaptureFixture[bytes]) -> None:
    assert main(["offer", "lheo", str(STAFF), *CODES]) == EXIT_OK
    root = ET.fromstring(capsys.readouterr().out)  # noqa: S314 - our own output
    ns = {"l": bc.LHEO_NAMESPACE}
    code = root.find("l:offres/l:formation/l:domaine-formation/l:code-FORMACODE", ns)
    assert code is not None
    assert (code.text, code.get("ref")) == ("15081", "V14")


def test_lheo_to_a_file_is_to_lheo(tmp_path: Path) -> None:
    """``-o PATH`` writes exactly what ``to_lheo`` gives for the same arguments."""
    out = tmp_path / "offer.xml"
    arguments = [*CODES, "--cpf-code", "CPF1234", "--nsf-code", "415", "--start", "2026-09-01"]
    assert main(["offer", "lheo", str(STAFF), *arguments, "-o", str(out)]) == EXIT_OK
    assert out.read_bytes() == bc.to_lheo(
        bc.example_offer(),
        formacodes=["15081"],
        formacode_version="V14",
        public_codes=["80056"],
        cpf_code="CPF1234",
        nsf_codes=["415"],
        start=pendulum.date(2026, 9, 1),
    )


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param([], id="no-codes"),
        pytest.param(["--formacode", "15081", "--public-code", "80056"], id="no-version"),
        pytest.param(["--formacode", "15081", "--formacode-version", "V14"], id="no-public"),
    ],
)
def test_lheo_never_guesses_a_code(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["offer", "lheo", str(STAFF), *arguments]) == EXIT_UNUSABLE
    assert "required" in capsys.readouterr().err


def test_lheo_refuses_a_malformed_code(capsys: pytest.CaptureFixture[str]) -> None:
    codes = ["--formacode", "1508", "--formacode-version", "V14", "--public-code", "80056"]
    assert main(["offer", "lheo", str(STAFF), *codes, "--lang", "en"]) == EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "formacodes" in err
    assert "Traceback" not in err


def test_lheo_says_what_the_offer_lacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "offer.json"
    path.write_bytes(bc.dumps_offer(attrs.evolve(bc.example_offer(), objectives=())))
    assert main(["offer", "lheo", str(path), *CODES]) == EXIT_UNUSABLE
    assert "$.objectives" in capsys.readouterr().err


def test_example_is_the_seed_offer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offer", "example"]) == EXIT_OK
    assert bc.load_offer(capsys.readouterr().out) == bc.example_offer()


def test_schema_of_an_offer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--offer"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert schema == bc.offer_json_schema()
    jsonschema.validate(json.loads(STAFF.read_bytes()), schema)


def test_help_lists_the_actions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offer", "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    for action in ("check", "lheo", "example"):
        assert action in out
    assert main(["offer"]) == EXIT_UNUSABLE

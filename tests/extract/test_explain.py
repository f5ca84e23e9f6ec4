"""`bilat extract --explain` and the trace behind it: why each candidate was kept or dropped."""

from __future__ import annotations

import subprocess
import sys

from bilat.extract import extract_document
from bilat.extract.trace import active, tracing
from bilat.model import Document

TEXT = ("Laos and Thailand held talks in Vientiane on 4 April 2024 on a new railway link. "
        "The shares of the group met expectations, the company said. "
        "A spokesman said the group supports the bid, without saying whose.")


def _doc(text: str = TEXT, language: str = "en") -> Document:
    return Document(doc_id="x", source="x", text=text, content_id="x", language=language)


def test_the_trace_says_what_was_kept_and_dropped_and_why():
    assert not active()
    with tracing() as notes:
        out = extract_document(_doc())
    assert not active()
    assert [(e.type, e.actors) for e in out.events] == [("MEETING", ("LA", "TH"))]
    by = {(n.sentence, n.verdict, n.step) for n in notes}
    assert (0, "kept", "output") in by
    assert (1, "dropped", "decide") in by  # "met expectations": no person, office or state
    assert (2, "dropped", "decide") in by  # "support the bid": no party named
    assert all(n.reason for n in notes)


def test_no_trace_is_kept_unless_asked():
    extract_document(_doc())
    with tracing() as notes:
        pass
    assert notes == []


def test_support_with_no_party_named_in_its_sentence_is_no_event():
    for language, text in (
            ("en", "Vietnam and Cuba held talks in Hanoi on 4 April 2024. "
                   "This video format is not supported by your device."),
            ("fr", "Le Vietnam et Cuba ont tenu des pourparlers à Hanoï le 4 avril 2024. "
                   "Ce navigateur n'est plus pris en charge, merci de votre soutien.")):
        types = {e.type for e in extract_document(_doc(text, language)).events}
        assert "SUPPORT_STATEMENT" not in types, (language, types)


def test_explain_on_the_command_line(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "bilat.cli", "extract", "--explain", str(src)],
                       capture_output=True, timeout=120, env={"COLUMNS": "200", "PATH": ""})
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    assert "MEETING «held talks»" in out and "dropped" in out and "no party named" in out

"""What the terminal shows of an article is its text: no rich markup, no escape sequences
(issue #8). A title such as "[/bold]" used to stop `bilat docs` for the whole store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app

# Written for these tests: real bilateral events, told in words that carry the payloads.
TITLE = "<script>window.__pwned=1</script>[/bold][link=http://evil]x[/link]\x1b[31m"
SHOWN_TITLE = "<script>window.__pwned=1</script>[/bold][link=http://evil]x[/link]"
RECORDS = [
    {"id": "pact-2023", "url": "javascript:alert(1)", "published": "2023-05-06",
     "language": "en", "title": TITLE,
     "text": "Belgian Prime Minister Jan Peeters paid an official visit to Vietnam from 5 to 7 "
             "May 2023 and held talks with Vietnamese Prime Minister Lan Tran in Hanoi "
             "[/bold] [link=http://evil]here[/link] :warning: \u202e\x9b.\n\n"
             "Vietnam and Belgium signed an agreement on education in Hanoi on 5 May 2023 "
             "[/red] [link=http://evil]y[/link]."},
    {"id": "talks-2023", "url": "https://news.example.org/talks", "published": "2023-06-13",
     "language": "en", "title": "Consultations [bold]loud[/bold]",
     "text": "Vietnam and Belgium held political consultations in Brussels on 12 June 2023."},
]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: str):
    # wide enough that no line of interest wraps
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})


@pytest.fixture(scope="module")
def db(tmp_path_factory, ingest_records) -> Path:
    folder = tmp_path_factory.mktemp("hostile-cli")
    store, _ = ingest_records(folder, RECORDS)
    return store


def _clean(r) -> str:
    assert r.exit_code == 0, (r.output, r.exception)
    assert not CONTROL.search(r.output), repr(CONTROL.search(r.output))
    assert "\x1b" not in r.output
    return r.stdout


def test_terminal_safe_escapes_markup_and_control_characters():
    from bilat.cli.output import terminal_safe

    assert terminal_safe("[/bold] a\x1b[31mb\x9bc\u202ed") == "\\[/bold] a␛[31mb\ufffdc\ufffdd"
    assert terminal_safe("one\ntwo\r") == "one two␍"
    assert terminal_safe("one\ntwo", multiline=True) == "one\ntwo"
    assert terminal_safe(None) == ""


def test_docs_lists_a_store_whose_titles_look_like_markup(db):
    out = _clean(run("docs", "--db", str(db)))
    assert "2 documents" in out
    assert SHOWN_TITLE in out and "Consultations [bold]loud[/bold]" in out


def test_docs_show_prints_the_document_literally(db):
    out = _clean(run("docs", "show", "pact-2023", "--db", str(db)))
    assert SHOWN_TITLE + "␛[31m" in out
    assert "[link=http://evil]here[/link] :warning:" in out
    assert "url: javascript:alert(1)" in out
    assert "[/red] [link=http://evil]y[/link]" in out
    out = _clean(run("docs", "show", "talks-2023", "--db", str(db)))
    assert out.startswith("Consultations [bold]loud[/bold]\n")


def test_timeline_and_partners_print_evidence_literally(db):
    out = _clean(run("timeline", "VN", "BE", "--db", str(db)))
    assert "[/bold] [link=http://evil]here[/link] :warning:" in out
    assert "javascript:alert(1)" in out
    out = _clean(run("dossier", "VN", "--db", str(db)))
    assert "Belgium" in out and "[/red]" in out


def test_search_prints_titles_literally(db):
    out = _clean(run("search", "education agreement", "--db", str(db)))
    assert "[/red] [link=http://evil]y[/link]" in out or SHOWN_TITLE in out


def test_paths_in_messages_are_text(db, tmp_path):
    odd = tmp_path / "x[bold]"
    odd.mkdir()
    r = run("docs", "--db", str(odd / "none.duckdb"))
    assert r.exit_code == 2 and "x[bold]/none.duckdb: no such store" in r.stderr
    for command in (["export", "--db", str(db), "-o", str(odd / "e.jsonl")],
                    ["timeline", "VN", "BE", "--db", str(db), "--format", "md",
                     "-o", str(odd / "t.md")],
                    ["dossier", "VN", "BE", "--db", str(db), "-o", str(odd / "d.md")]):
        r = run(*command)
        assert r.exit_code == 0, (command, r.output, r.exception)
        assert "x[bold]" in r.output


def test_ingest_names_a_failed_input_and_the_store_literally(tmp_path):
    folder = tmp_path / "in[red]"
    folder.mkdir()
    (folder / "empty[bold]\x1b[2J.txt").write_bytes(b"")
    (folder / "ok.txt").write_text("A short headline here\n\nTwo ministers met in Hanoi.")
    store = tmp_path / "s[bold].duckdb"
    r = run("ingest", str(folder), "--db", str(store))
    assert r.exit_code == 1, (r.output, r.exception)
    assert "\x1b" not in r.output
    assert "empty[bold]␛[2J.txt: empty input" in r.stderr
    assert "-> " in r.stdout and "s[bold].duckdb" in r.stdout


def test_extract_names_a_failed_input_without_control_characters(tmp_path):
    bad = tmp_path / "empty\x1b[2J.txt"
    bad.write_bytes(b"")
    r = run("extract", str(bad))
    assert r.exit_code == 1
    assert "\x1b" not in r.stderr and "empty␛[2J.txt" in r.stderr

"""The feeds file: parsed into feeds, watched pairs and alert channels; mistakes named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.watch.feeds_file import FeedsFileError, load_config, parse_config


def test_a_full_feeds_file_is_read(tmp_path: Path):
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n"
        "  - url: https://news.example.org/world.rss\n"
        "    every: 600\n"
        "  - https://news.example.org/news-sitemap.xml\n"
        "watch:\n"
        "  - pair: [VN, Belgium]\n"
        "    types: [visit, AGREEMENT]\n"
        "  - pair: [FR, DE]\n"
        "alerts:\n"
        "  console: false\n"
        "  webhook: https://hooks.example.org/bilat\n"
        "  email: {host: smtp.example.org, port: 587, from: a@example.org,\n"
        "          to: b@example.org, starttls: true}\n"
        "  feed_dir: out\n", encoding="utf-8")
    config = load_config(path)
    assert [(f.url, f.every) for f in config.feeds] == [
        ("https://news.example.org/world.rss", 600.0),
        ("https://news.example.org/news-sitemap.xml", None)]
    assert [(r.a, r.b, r.types) for r in config.rules] == [
        ("VN", "BE", ("VISIT", "AGREEMENT")), ("FR", "DE", ())]
    assert config.rules[0].name == "VN-BE"
    assert config.rules[0].matches(["BE", "VN"], "VISIT")
    assert not config.rules[0].matches(["BE", "VN"], "MEETING")
    assert config.rules[1].matches(["DE", "FR", "PL"], "MEETING")
    alerts = config.alerts
    assert alerts.channels() == ["webhook", "email"]
    assert alerts.email is not None and alerts.email.to == ("b@example.org",)
    assert alerts.email.starttls and alerts.email.port == 587
    assert alerts.feed_dir == tmp_path / "out"


@pytest.mark.parametrize(("data", "message"), [
    ({"feeds": ["ftp://example.org/x"]}, "feeds[1].url: 'ftp://example.org/x' is not an http"),
    ({"feeds": [{"url": "https://e.org/a", "every": 1}]}, "feeds[1].every: every 1 s is too "
                                                          "often"),
    ({"feeds": [{"url": "https://e.org/a", "often": 60}]}, "feeds[1]: unknown key(s) often"),
    ({"watch": [{"pair": ["VN", "Atlantis"]}]}, "watch[1]: 'Atlantis' is no country"),
    ({"watch": [{"pair": ["VN"]}]}, "watch[1]: pair must name two countries"),
    ({"watch": [{"pair": ["VN", "BE"], "types": ["PICNIC"]}]}, "'PICNIC' is no event type"),
    ({"alerts": {"email": {"host": "h", "from": "a@b.c"}}}, "alerts.email.to: missing"),
    ({"alerts": {"sms": True}}, "alerts: unknown key(s) sms"),
    ({"feed": []}, "unknown key(s) feed"),
    (["a", "b"], "must be a mapping"),
])
def test_mistakes_are_named(data: object, message: str):
    with pytest.raises(FeedsFileError) as caught:
        parse_config(data, Path("."), "feeds.yaml")
    assert str(caught.value).startswith("feeds.yaml: ")
    assert message in str(caught.value)


def test_a_file_that_is_no_yaml_is_named(tmp_path: Path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds: [unclosed\n", encoding="utf-8")
    with pytest.raises(FeedsFileError, match=r"feeds.yaml: not valid YAML"):
        load_config(path)
    with pytest.raises(FeedsFileError, match=r"missing.yaml: cannot read"):
        load_config(tmp_path / "missing.yaml")

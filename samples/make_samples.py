"""Render samples/items.yaml into every input format bilat reads.

    python samples/make_samples.py        # rewrites samples/<format>/... from items.yaml

The rendered files are committed; this script is how they were made (and how to change them).
Pages carry the residue real scraped pages have: navigation, photo captions, a lead paragraph
repeated, a "/." terminator and a related-stories block of other headlines.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import unicodedata
from datetime import UTC
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus"
CAPTIONS = {"en": "(Photo: VNA)", "vi": "(Ảnh: TTXVN)", "fr": "(Photo : VNA)"}
RELATED = {
    "en": ("Related news", ["Hanoi metro line carries a record number of passengers",
                            "Central provinces prepare for the rainy season",
                            "Vietnamese students win medals at a science olympiad"]),
    "vi": ("Tin liên quan", ["Tuyến metro Hà Nội đón lượng khách kỷ lục",
                             "Các tỉnh miền Trung chủ động ứng phó mùa mưa bão",
                             "Học sinh Việt Nam giành huy chương tại kỳ thi khoa học"]),
    "fr": ("Voir aussi", ["Le métro de Hanoï bat un record de fréquentation"]),
}
NAV = '<nav><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/business">' \
      'Business</a> | <a href="/sports">Sports</a></nav>'


def load_items() -> list[dict]:
    items = yaml.safe_load((HERE / "items.yaml").read_text(encoding="utf-8"))["items"]
    by_id = {i["id"]: i for i in items}
    out = []
    for item in items:
        if "copy_of" in item:
            item = {**by_id[item["copy_of"]], **{k: v for k, v in item.items()
                                                   if k != "copy_of"}}
        if "near_copy_of" in item:
            base = by_id[item["near_copy_of"]]
            body = []
            for para in base["body"]:
                for old, new in item.get("edits", {}).items():
                    para = para.replace(old, new)
                body.append(para)
            item = {**base, **{k: v for k, v in item.items() if k not in ("near_copy_of",
                                                                          "edits")},
                    "body": body}
        out.append(item)
    return out


def plain_text(item: dict) -> str:
    paras = list(item["body"])
    if item.get("dateline"):
        paras[0] = f"{item['dateline']} {paras[0]}"
    return "\n\n".join(paras)


def render_html(item: dict) -> str:
    lang = item["language"]
    noise = set(item.get("noise", []))
    title = html.escape(item["title"])
    paras = [html.escape(p) for p in item["body"]]
    if item.get("dateline"):
        paras[0] = f"{html.escape(item['dateline'])} {paras[0]}"
    if "terminator" in noise:
        paras[-1] += "/."
    parts = []
    if "lead_repeat" in noise:
        parts.append(f'<p class="sapo"><b>{html.escape(item["body"][0])}</b></p>')
    for i, p in enumerate(paras):
        parts.append(f"<p>{p}</p>")
        if i == 0 and "captions" in noise:
            cap = f"{html.escape(item['title'])} {CAPTIONS.get(lang, '(Photo: VNA)')}"
            parts.append(f'<figure><img src="/img/{item["id"]}.jpg" alt="">'
                         f"<figcaption>{cap}</figcaption></figure>")
    related = ""
    if "related" in noise:
        head, titles = RELATED.get(lang, RELATED["en"])
        links = "".join(f'<li><a href="/n/{k}">{html.escape(t)}</a></li>'
                        for k, t in enumerate(titles))
        related = f'<section class="related"><h3>{head}</h3><ul>{links}</ul></section>'
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{item['published']}T08:00:00+07:00">
<link rel="canonical" href="{item.get('url', '')}">
</head><body>
<header><div class="logo">Example News</div>{NAV}</header>
<main><article>
<h1>{title}</h1>
<div class="meta">{item['published']}</div>
{chr(10).join(parts)}
</article>
{related}
</main>
<footer>© Example News. All rights reserved. Contact | Advertising | Terms</footer>
</body></html>
"""


def to_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed where the code page has them,
    tone marks as combining characters (how that code page writes Vietnamese)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        # fold a mark back into the base when the code page has that letter (ê, ơ, ...)
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                except UnicodeEncodeError:
                    continue
                base, marks = composed, marks.replace(mark, "", 1)
                break
        out.append((base + marks).encode("cp1258"))
    return b"".join(out)


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def main() -> None:
    items = load_items()
    jsonl, warc, rss, atom = [], [], [], []
    for item in items:
        fmt = item["format"]
        if fmt == "html":
            write(OUT / "html" / f"{item['id']}.html", render_html(item))
        elif fmt == "html.gz":
            write(OUT / "html" / f"{item['id']}.html.gz",
                  gzip.compress(render_html(item).encode("utf-8"), mtime=0))
        elif fmt in ("txt", "txt-dashes", "txt-cp1258", "txt-utf16"):
            rule = "\n" + "-" * 24 + "\n" if fmt == "txt-dashes" else "\n\n"
            text = f"{item['title']}{rule}{plain_text(item)}\n"
            data = {"txt-cp1258": to_cp1258, "txt-utf16": lambda t: t.encode("utf-16")}.get(
                fmt, lambda t: t.encode("utf-8"))(text)
            write(OUT / "text" / f"{item['id']}.txt", data)
        elif fmt == "md":
            write(OUT / "text" / f"{item['id']}.md",
                  f"# {item['title']}\n\n*{item['published']}*\n\n{plain_text(item)}\n")
        elif fmt == "jsonl":
            jsonl.append({"id": item["id"], "url": item.get("url"), "title": item["title"],
                          "published": item["published"], "language": item["language"],
                          "text": plain_text(item)})
        elif fmt == "warc":
            warc.append(item)
        elif fmt == "rss":
            rss.append(item)
        elif fmt == "atom":
            atom.append(item)
    write(OUT / "jsonl" / "news.jsonl",
          "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl))
    write(OUT / "warc" / "news.warc.gz", render_warc(warc))
    write(OUT / "feeds" / "news.rss", render_rss(rss))
    write(OUT / "feeds" / "news.atom", render_atom(atom))


def render_warc(items: list[dict]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for item in items:
        payload = render_html(item).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(
            item["url"], "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": f"{item['published']}T01:00:00Z"})
        writer.write_record(record)
    return buf.getvalue()


def _entry_html(item: dict) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in item["body"])


def render_rss(items: list[dict]) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    entries = []
    for item in items:
        when = format_datetime(datetime.fromisoformat(item["published"]).replace(
            tzinfo=UTC))
        entries.append(f"""  <item>
    <title>{html.escape(item['title'])}</title>
    <link>{item['url']}</link>
    <guid>{item['url']}</guid>
    <pubDate>{when}</pubDate>
    <description>{html.escape(_entry_html(item))}</description>
  </item>""")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
            "  <title>Example News</title>\n  <link>https://news.example.org/</link>\n"
            "  <description>Diplomacy news</description>\n"
            + "\n".join(entries) + "\n</channel></rss>\n")


def render_atom(items: list[dict]) -> str:
    entries = []
    for item in items:
        entries.append(f"""  <entry>
    <title>{html.escape(item['title'])}</title>
    <link href="{item['url']}"/>
    <id>{item['url']}</id>
    <updated>{item['published']}T08:00:00Z</updated>
    <published>{item['published']}T08:00:00Z</published>
    <content type="html">{html.escape(_entry_html(item))}</content>
  </entry>""")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>Example News</title>\n'
            "  <id>https://news.example.org/atom</id>\n"
            "  <updated>2025-08-15T08:00:00Z</updated>\n"
            + "\n".join(entries) + "\n</feed>\n")


if __name__ == "__main__":
    main()

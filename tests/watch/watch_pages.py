"""Pages for watch's tests: synthetic articles (written for these tests, not copied from any
outlet) and feed and sitemap builders."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def article(title: str, paragraphs: list[str], published: str | None = None) -> str:
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{meta}"
            f"</head><body><nav>Home | World | Business</nav><article><h1>{title}</h1>{body}"
            "</article><footer>Copyright Example News</footer></body></html>")


# Three reports, written for these tests: a Vietnamese minister's visit to Belgium, a second
# outlet's report of the same visit, and a Belgium-Viet Nam agreement a week later.
VISIT = article("Vietnamese foreign minister visits Belgium", [
    "Brussels, 20 November 2026 - Vietnamese Foreign Minister Tran Van An began an official "
    "visit to Belgium on 19 November 2026 at the invitation of Belgian Foreign Minister Marie "
    "Dupont.",
    "During talks in Brussels the two ministers agreed to expand trade and to cooperate on "
    "renewable energy and port logistics.",
    "The Vietnamese delegation is also due to tour the port of Antwerp before flying back to "
    "Hanoi."], "2026-11-20T08:00:00Z")
VISIT_AGAIN = article("Tran Van An in Brussels", [
    "Hanoi, 21 November 2026 - Foreign Minister Tran Van An paid an official visit to "
    "Belgium on 19 November 2026, where he held talks with his Belgian counterpart Marie "
    "Dupont.",
    "Both sides pledged closer cooperation in trade, renewable energy and logistics."],
    "2026-11-21T06:00:00Z")
AGREEMENT = article("Belgium and Viet Nam sign education agreement", [
    "Hanoi, 27 November 2026 - Belgium and Viet Nam signed an agreement on cooperation in "
    "higher education on 26 November 2026 in Hanoi.",
    "The agreement was signed by Belgian Education Minister Luc Peeters and Vietnamese "
    "Education Minister Nguyen Thi Hoa; it provides for student exchanges and joint research."
    ], "2026-11-27T09:00:00Z")
# no date or title in the page: the feed's are used
UNDATED = ("<!doctype html><html><body><article><p>Thai Prime Minister Somchai Wongsa met "
           "Japanese Prime Minister Kenji Sato in Tokyo on Monday and both leaders agreed to "
           "strengthen economic ties between Thailand and Japan.</p><p>The two sides also "
           "discussed regional security.</p></article></body></html>")


def rss(items: list[dict]) -> str:
    """An RSS 2.0 feed; each item: link, title, guid?, date? (datetime), description?."""
    parts = []
    for it in items:
        guid = it.get("guid", it.get("link"))
        date = it.get("date")
        parts.append(
            "<item>"
            f"<title>{escape(it.get('title', ''))}</title>"
            + (f"<link>{escape(it['link'])}</link>" if it.get("link") else "")
            + (f"<guid>{escape(guid)}</guid>" if guid else "")
            + (f"<pubDate>{format_datetime(date)}</pubDate>" if date else "")
            + f"<description>{escape(it.get('description', 'A report.'))}</description>"
            "</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Example News</title><link>http://example.org/</link>"
            "<description>World news</description>" + "".join(parts) + "</channel></rss>")


def news_sitemap(entries: list[dict]) -> str:
    """A news sitemap; each entry: loc, title?, date? (ISO), lastmod?."""
    urls = []
    for e in entries:
        news = ""
        if e.get("title") or e.get("date"):
            news = ("<news:news><news:publication><news:name>Example</news:name>"
                    "<news:language>en</news:language></news:publication>"
                    + (f"<news:publication_date>{e['date']}</news:publication_date>"
                       if e.get("date") else "")
                    + (f"<news:title>{escape(e['title'])}</news:title>"
                       if e.get("title") else "") + "</news:news>")
        lastmod = f"<lastmod>{e['lastmod']}</lastmod>" if e.get("lastmod") else ""
        urls.append(f"<url><loc>{escape(e['loc'])}</loc>{lastmod}{news}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(urls) + "</urlset>")


def when(day: int) -> datetime:
    return datetime(2026, 11, day, 8, 0, tzinfo=UTC)

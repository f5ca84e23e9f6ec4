"""bilat watch: poll news feeds and sitemaps, fetch new articles politely, ingest them through
the ingest pipeline, merge the record and alert on new merged events of watched pairs.

    feeds_file.py  the YAML feeds file, parsed and checked
    addresses.py   which resolved addresses may be fetched (no private ranges by default)
    fetch.py       one polite HTTP GET (robots.txt, rate limit, conditional GET, limits)
    items.py       feed and sitemap documents -> the items they list
    articles.py    fetched pages -> documents, through the ingest pipeline's functions
    poll.py        one poll of every feed: fetch, ingest, merge, alert
    notify.py      after a poll: which merged events are new; their alerts queued and sent
    schedule.py    which feeds are due, and when the next one is
    alerts.py      the alert channels (console, webhook, e-mail, pair feed files)
"""

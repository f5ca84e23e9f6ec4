"""Schema migrations, applied in order; the store records the version it reached."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, their near-duplicate signatures, events and facts
    """
    CREATE TABLE documents (
        content_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR,
        published VARCHAR,
        language VARCHAR,
        site VARCHAR,
        byline VARCHAR,
        dateline VARCHAR,
        text VARCHAR NOT NULL,
        duplicate_of VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE INDEX documents_doc_id ON documents (doc_id);
    CREATE TABLE doc_signatures (
        content_id VARCHAR PRIMARY KEY,
        signature UINTEGER[] NOT NULL
    );
    CREATE TABLE doc_bands (
        band_hash BIGINT NOT NULL,
        content_id VARCHAR NOT NULL
    );
    CREATE INDEX doc_bands_hash ON doc_bands (band_hash);
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        content_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        plover VARCHAR,
        mode VARCHAR,
        actors VARCHAR[],
        actor VARCHAR,
        recipient VARCHAR,
        date_start VARCHAR,
        date_end VARCHAR,
        status VARCHAR,
        people VARCHAR[],
        location VARCHAR,
        evidence VARCHAR,
        sentence INTEGER,
        start_char INTEGER,
        end_char INTEGER
    );
    CREATE INDEX events_content ON events (content_id);
    CREATE TABLE facts (
        id VARCHAR PRIMARY KEY,
        content_id VARCHAR NOT NULL,
        metric VARCHAR NOT NULL,
        from_country VARCHAR,
        to_country VARCHAR,
        value DOUBLE,
        unit VARCHAR,
        period VARCHAR,
        change_pct DOUBLE,
        evidence VARCHAR,
        sentence INTEGER,
        start_char INTEGER,
        end_char INTEGER
    );
    CREATE INDEX facts_content ON facts (content_id);
    """,
    # 2: the record: one merged event per real happening, with every report of it, and the
    # cached embeddings of evidence sentences that merging compares across languages
    """
    CREATE TABLE merged_events (
        id VARCHAR PRIMARY KEY,
        type VARCHAR NOT NULL,
        plover VARCHAR,
        mode VARCHAR,
        actors VARCHAR[],
        actor VARCHAR,
        recipient VARCHAR,
        date_start VARCHAR,
        date_end VARCHAR,
        status VARCHAR,
        people VARCHAR[],
        location VARCHAR,
        evidence VARCHAR,
        source_count INTEGER NOT NULL
    );
    CREATE INDEX merged_events_date ON merged_events (date_start);
    CREATE TABLE merged_sources (
        merged_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        content_id VARCHAR NOT NULL,
        doc_id VARCHAR,
        language VARCHAR,
        evidence VARCHAR
    );
    CREATE INDEX merged_sources_merged ON merged_sources (merged_id);
    CREATE INDEX merged_sources_event ON merged_sources (event_id);
    CREATE TABLE event_vectors (
        event_id VARCHAR PRIMARY KEY,
        vector FLOAT[384] NOT NULL
    );
    """,
    # 3: the search index (know.index): documents and events as numbered items, their
    # term postings (BM25) and their embeddings (bfloat16, grouped in IVF lists whose
    # centroids are stored too; the sum of the vectors of each language, to take out the
    # part of an embedding that says which language it is in). No ART indexes: postings are
    # kept sorted by term and vectors by list, so zone maps prune row groups, and bulk loads
    # stay fast. A posting carries its BM25 term-frequency part (w) and its rank by w within
    # its term and kind (0 until the table is next sorted), so a search reads only the best
    # few thousand of a common term; search_terms holds document frequencies (one row per
    # term and kind once sorted, added-to rows before) and search_kinds the item count and
    # total length per kind, so a search counts nothing. An item's date bounds are numbers
    # (20230801); search_labels lists the items of each country, event type, language and
    # kind, sorted by field and value once the postings are, so a filter reads only the
    # item numbers it names.
    """
    CREATE TABLE search_items (
        item_no INTEGER NOT NULL,
        kind UTINYINT NOT NULL,
        ref_id VARCHAR NOT NULL,
        content_id VARCHAR NOT NULL,
        language VARCHAR,
        date VARCHAR,
        date_lo INTEGER,
        date_hi INTEGER,
        types VARCHAR[],
        countries VARCHAR[],
        length INTEGER NOT NULL
    );
    CREATE TABLE search_postings (
        term VARCHAR NOT NULL,
        item_no INTEGER NOT NULL,
        kind UTINYINT NOT NULL,
        tf USMALLINT NOT NULL,
        length INTEGER NOT NULL,
        w FLOAT NOT NULL,
        rank INTEGER NOT NULL
    );
    CREATE TABLE search_terms (
        term VARCHAR NOT NULL,
        kind UTINYINT NOT NULL,
        df BIGINT NOT NULL
    );
    CREATE TABLE search_labels (
        field UTINYINT NOT NULL,
        value VARCHAR NOT NULL,
        item_no INTEGER NOT NULL
    );
    CREATE TABLE search_kinds (
        kind UTINYINT PRIMARY KEY,
        items BIGINT NOT NULL,
        length BIGINT NOT NULL
    );
    CREATE TABLE search_vectors (
        item_no INTEGER NOT NULL,
        list_id INTEGER NOT NULL,
        language VARCHAR,
        vector BLOB NOT NULL
    );
    CREATE TABLE search_languages (
        language VARCHAR PRIMARY KEY,
        n BIGINT NOT NULL,
        total BLOB NOT NULL
    );
    CREATE TABLE search_centroids (
        list_id INTEGER PRIMARY KEY,
        centroid BLOB NOT NULL
    );
    CREATE TABLE search_meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    );
    """,
    # 4: each source of a merged event carries its document's date, address and title, so
    # a timeline is read from the record alone, without a join to a million documents
    """
    ALTER TABLE merged_sources ADD COLUMN published VARCHAR;
    ALTER TABLE merged_sources ADD COLUMN url VARCHAR;
    ALTER TABLE merged_sources ADD COLUMN title VARCHAR;
    """,
    # 5: the timeline's read model: each merged event once per pair of its actors, as one
    # JSON record, stored in (pair, date) order so that a pair's rows sit in few row groups
    # and zone maps skip the rest; a timeline is one pruned scan on a store of any size
    """
    CREATE TABLE timeline_rows (
        pair VARCHAR NOT NULL,
        date_start VARCHAR,
        merged_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        status VARCHAR,
        people VARCHAR[],
        record VARCHAR NOT NULL
    );
    """,
    # 6: the figures' read model: every fact with its document's date and language, in
    # (pair, metric, period) order, so a dossier's figures are one pruned scan with no join
    # to a million documents; each point of a series summarised once per rebuild (its
    # value, every distinct value, conflict, sources); each pair's key dates (as timeline
    # ranks) and its people ranked; and, on the timeline and the figures, each row's rank
    # from the latest ("recency"), so "the latest N" is a filter, not a sort
    """
    CREATE TABLE fact_rows (
        pair VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        metric VARCHAR NOT NULL,
        from_country VARCHAR,
        to_country VARCHAR,
        value DOUBLE,
        unit VARCHAR,
        period VARCHAR,
        change_pct DOUBLE,
        evidence VARCHAR,
        doc_id VARCHAR,
        language VARCHAR,
        published VARCHAR,
        recency INTEGER NOT NULL
    );
    CREATE TABLE fact_points (
        pair VARCHAR NOT NULL,
        metric VARCHAR NOT NULL,
        from_country VARCHAR,
        to_country VARCHAR,
        unit VARCHAR,
        period VARCHAR NOT NULL,
        value DOUBLE NOT NULL,
        all_values DOUBLE[] NOT NULL,
        conflict BOOLEAN NOT NULL,
        source_count INTEGER NOT NULL
    );
    CREATE TABLE milestone_rows (
        pair VARCHAR NOT NULL,
        recency INTEGER NOT NULL
    );
    CREATE TABLE people_rows (
        pair VARCHAR NOT NULL,
        rank INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        events INTEGER NOT NULL,
        types VARCHAR[] NOT NULL
    );
    ALTER TABLE timeline_rows ADD COLUMN source_count INTEGER;
    ALTER TABLE timeline_rows ADD COLUMN recency INTEGER;
    -- the new columns and tables are filled by a merge: make the record stale so the next
    -- read rebuilds it (cached evidence vectors keep that cheap)
    DELETE FROM merged_sources;
    """,
    # 7: bilat watch's state (store/watch_state.py): each polled feed's last poll and error,
    # the conditional-GET validators of every fetched address, each feed item seen (so no
    # article is fetched twice), the reports of merged events watch has seen (a merged event
    # is new when none of its reports is), the alerts to send per channel (sent_at NULL
    # until sent), and small key/value marks (the baseline taken on first run)
    """
    CREATE TABLE watch_feeds (
        url VARCHAR PRIMARY KEY,
        last_polled TIMESTAMP,
        last_error VARCHAR
    );
    CREATE TABLE watch_validators (
        url VARCHAR PRIMARY KEY,
        etag VARCHAR,
        last_modified VARCHAR
    );
    CREATE TABLE watch_items (
        item_key VARCHAR PRIMARY KEY,
        feed_url VARCHAR NOT NULL,
        url VARCHAR,
        updated VARCHAR,
        state VARCHAR NOT NULL,
        attempts INTEGER NOT NULL,
        reason VARCHAR,
        seen_at TIMESTAMP
    );
    CREATE TABLE watch_seen_events (
        event_id VARCHAR PRIMARY KEY,
        merged_id VARCHAR NOT NULL
    );
    CREATE TABLE watch_alerts (
        merged_id VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        created_at TIMESTAMP,
        sent_at TIMESTAMP,
        attempts INTEGER NOT NULL,
        last_error VARCHAR,
        PRIMARY KEY (merged_id, channel)
    );
    CREATE TABLE watch_meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    );
    """,
    # 8: what each rebuild of the record changed, for copies kept downstream (the API's
    # /api/changes): each merged event's content digest as of the last rebuild, and one row
    # per event added, changed (its digest differs) or deleted, with the rebuild's time.
    # The record is made stale so the next read rebuilds it and lists every event as added.
    """
    CREATE TABLE merged_digests (
        merged_id VARCHAR PRIMARY KEY,
        digest VARCHAR NOT NULL
    );
    CREATE TABLE merged_changes (
        merged_id VARCHAR NOT NULL,
        change VARCHAR NOT NULL,
        digest VARCHAR,
        updated_at TIMESTAMP NOT NULL
    );
    CREATE INDEX merged_changes_time ON merged_changes (updated_at);
    DELETE FROM merged_sources;
    """,
    # 9: the store's generation: a counter bumped in every committed write transaction
    # (Store.transaction, Store.commit), so a server can tell in one row's read whether
    # anything it answered may have changed (serve.cache keys its responses with it); and
    # two counters that tell, in one row's read, whether events or facts were stored since
    # the last rebuild of the record: `stored` counts writes of them (Store.flush), `merged`
    # is what `stored` was at the last rebuild (-1: stale now, as the counts say).
    """
    CREATE TABLE store_generation (
        generation BIGINT NOT NULL,
        stored BIGINT NOT NULL,
        merged BIGINT NOT NULL
    );
    INSERT INTO store_generation SELECT 0, 0, CASE WHEN
        (SELECT count(*) FROM events) <> (SELECT count(*) FROM merged_sources) OR
        (SELECT count(*) FROM facts) <> (SELECT count(*) FROM fact_rows) THEN -1 ELSE 0 END;
    """,
    # 10: each figure's document's title and address in the figures' read model, so that a
    # dossier lists the documents its figures cite without looking them up among all the
    # documents; emptied, so the next read rebuilds it (the record is stale until then)
    # ... and each pair's names of people counted (name_rows: the spellings the API's name
    # variants come from), filled by the next rebuild
    """
    ALTER TABLE fact_rows ADD COLUMN title VARCHAR;
    ALTER TABLE fact_rows ADD COLUMN url VARCHAR;
    DELETE FROM fact_rows;
    CREATE TABLE name_rows (
        pair VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        n BIGINT NOT NULL
    );
    UPDATE store_generation SET merged = -1
        WHERE (SELECT count(*) FROM facts) > 0 OR (SELECT count(*) FROM events) > 0;
    """,
]

# What PostgreSQL adds after a migration (by its number): the indexes its reads need where
# DuckDB prunes row groups by zone maps over tables kept sorted (DuckDB does without them:
# they slow its bulk loads). Tables rewritten in order (search_index) keep them.
POSTGRES_INDEXES: dict[int, str] = {
    2: "CREATE INDEX merged_events_actors ON merged_events USING gin (actors)",
    3: """
    CREATE INDEX search_items_no ON search_items (item_no);
    CREATE INDEX search_items_ref ON search_items (ref_id, kind);
    CREATE INDEX search_postings_term ON search_postings (term, kind, rank);
    CREATE INDEX search_terms_term ON search_terms (term);
    CREATE INDEX search_labels_value ON search_labels (field, value);
    CREATE INDEX search_vectors_list ON search_vectors (list_id);
    CREATE INDEX search_vectors_item ON search_vectors (item_no)
    """,
    6: """
    CREATE INDEX timeline_rows_pair ON timeline_rows (pair, recency);
    CREATE INDEX fact_rows_pair ON fact_rows (pair, recency);
    CREATE INDEX fact_points_pair ON fact_points (pair);
    CREATE INDEX milestone_rows_pair ON milestone_rows (pair, recency);
    CREATE INDEX people_rows_pair ON people_rows (pair, rank)
    """,
    # events in the API's list order, a pair's (serve_reads.pair_event_page) and all
    # (event_page): a page read off the index, not every row of the pair or the country
    # sorted (at 1M documents 63 ms to 0.03, and 80 to 1.3 for a country's)
    10: """
    CREATE INDEX timeline_rows_pair_order ON timeline_rows (pair,
        (CASE WHEN date_start IS NULL THEN 1 ELSE 0 END), (coalesce(date_start, '')),
        merged_id);
    CREATE INDEX name_rows_pair ON name_rows (pair);
    CREATE INDEX merged_events_order ON merged_events (
        (CASE WHEN date_start IS NULL THEN 1 ELSE 0 END), (coalesce(date_start, '')), id)
    """,
}

"""Shards: `bilat batch` reads, cleans and extracts input shards on Ray Data and writes what
it found as files; `bilat load` stores those files as `bilat ingest` would have.

    list_shards(sources, listing=False) -> list[Shard]     (sources.py)
    process_shard(shard, out, settings) -> ShardResult     (write.py: one shard's files)
    run_batch(shards, out, settings, ...) -> BatchSummary  (ray_run.py: every shard, on Ray)
    load(out, store, settings) -> LoadSummary              (load.py)

A shard is one input file, or a folder's small files read together (sources.py). An output
folder holds, for each shard NAME (its first file's name and a hash of its paths):

    documents/NAME.parquet  events/NAME.parquet  facts/NAME.parquet   (tables.py: columns)
    errors/NAME.jsonl       one {"input", "reason"} line per input that could not be read
    manifest/NAME.json      written last: the shard is complete (its paths, order, counts)

Every file is written under a temporary name and renamed, the manifest entry after the rest,
so a shard without its entry is redone and one with it never is.
"""

"""Readers: turn files, directories, stdin and records into RawDocuments (or ReadErrors).

Contract (owned by the readers module):
    read_inputs(paths, settings, stdin=None) -> Iterator[RawDocument | ReadError]
Directories are walked recursively in sorted order; "-" reads stdin (sniffed like a file).
"""

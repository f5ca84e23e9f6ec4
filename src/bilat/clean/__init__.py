"""Cleaning: a RawDocument becomes a Document holding the article and nothing else.

Contract (owned by the clean module):
    clean_document(raw: RawDocument) -> Document      raises bilat.errors.BadInput
"""

"""Errors that carry a one-line reason for the user."""


class BadInput(ValueError):
    """An input (file, record, page) that cannot become a document; str() is the reason."""

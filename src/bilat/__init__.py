"""bilat: news about relations between countries, turned into a record people can trust."""

__version__ = "0.1.0"

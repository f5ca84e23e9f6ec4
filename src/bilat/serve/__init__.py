"""`bilat serve`: the record as a team's server — a JSON API (api.py) and web pages (ui/),
one FastAPI app (app.py) over one store (stores.py)."""

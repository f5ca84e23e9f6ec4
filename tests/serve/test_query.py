"""The list query object and its cursors, without a server."""

from __future__ import annotations

import pytest

from bilat.serve.query import ListQuery, QueryError, decode_cursor, encode_cursor


def test_a_query_resolves_names_and_merges_a_pair_into_its_countries():
    q = ListQuery.build(kind="events", pair_="Việt Nam-Belgique", countries=["Japon"],
                        types=["visit"], statuses=["announced"], languages=["VI"])
    assert q.pair == ("VN", "BE") and q.countries == ("VN", "BE", "JP")
    assert q.types == ("VISIT",) and q.languages == ("vi",)
    assert q.stored_statuses == ("scheduled",)


def test_cursors_round_trip_and_belong_to_one_list():
    token = encode_cursor("events", (0, "2023-08-21", "m1"))
    assert decode_cursor(token, "events") == (0, "2023-08-21", "m1")
    with pytest.raises(QueryError, match="cursor"):
        decode_cursor(token, "documents")
    with pytest.raises(QueryError, match="cursor"):
        decode_cursor(encode_cursor("events", ("0", "x", "m1")), "events")  # wrong shape


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"countries": ["Atlantis"]}, "Atlantis"),
    ({"pair_": "VN-BE-FR"}, "pair"),
    ({"until": "2023-13-99x"}, "to"),
    ({"limit": 0}, "limit"),
    ({"text": "x" * 5000}, "q"),
])
def test_bad_parameters_name_themselves(kwargs, named):
    with pytest.raises(QueryError, match=named):
        ListQuery.build(kind="events", **kwargs)

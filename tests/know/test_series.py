"""Fact series: every source kept per period, conflicts flagged, order-free trade."""

from bilat.know.series import build_series, summarise_points


def _row(value, period, doc, metric="TRADE_TOTAL", src="VN", dst="BE", published=None):
    return {"metric": metric, "from": src, "to": dst, "value": value, "unit": "USD",
            "period": period, "doc": doc, "language": "en", "evidence": f"{value} in {period}",
            "published": published}


def test_conflicting_values_are_kept_and_flagged():
    (s,) = build_series([_row(4.5e9, "2022", "a"), _row(4.7e9, "2022", "b", src="BE", dst="VN"),
                         _row(4.7e9, "2022", "c", published="2023-05-01")])
    (p,) = s.points
    assert p.conflict and p.values == [4.5e9, 4.7e9] and len(p.figures) == 3
    assert p.value == 4.7e9  # two sources against one; nothing averaged
    assert s.to_dict()["points"][0]["values"] == [4.5e9, 4.7e9]


def test_rounding_is_not_a_conflict():
    (s,) = build_series([_row(4.29e9, "2023", "a"), _row(4.3e9, "2023", "b")])
    assert not s.points[0].conflict


def test_points_in_period_order_and_directions_apart():
    series = build_series([
        _row(2.0e9, "2023", "a", metric="EXPORTS"), _row(1.5e9, "2021", "b", metric="EXPORTS"),
        _row(0.9e9, "2023", "c", metric="EXPORTS", src="BE", dst="VN"),
        _row(1.0e9, "1992..2022-12", "d", metric="INVESTMENT", src="BE", dst="VN"),
    ])
    exports = [s for s in series if s.metric == "EXPORTS"]
    assert len(exports) == 2
    vn_be = next(s for s in exports if s.source == "VN")
    assert [p.period for p in vn_be.points] == ["2021", "2023"]


def test_point_summaries_count_every_source_when_rows_are_a_sample():
    tallies = [{"metric": "TRADE_TOTAL", "from": "BE", "to": "VN", "unit": "USD",
                "period": "2022", "value": 4.7e9, "n": 30, "latest": "2023-05-01"},
               {"metric": "TRADE_TOTAL", "from": "VN", "to": "BE", "unit": "USD",
                "period": "2022", "value": 4.5e9, "n": 2, "latest": "2023-01-01"}]
    (s,) = build_series([_row(4.5e9, "2022", "a")], summarise_points(tallies))
    (p,) = s.points
    assert p.values == [4.5e9, 4.7e9] and p.conflict and p.value == 4.7e9
    assert p.source_count == 32 and len(p.figures) == 1

"""Gazetteer and geocoder: every place a report names, resolved with honest precision."""

from shahid.geo.gazetteer import Gazetteer, PlaceMention, acled_geo_precision, find_places, ucdp_where_prec

__all__ = ["Gazetteer", "PlaceMention", "acled_geo_precision", "find_places", "ucdp_where_prec"]

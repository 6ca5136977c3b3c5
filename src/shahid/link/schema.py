"""The link tables (SQLAlchemy 2 Core), beside the ledger's own in ``shahid.store.schema.metadata``.

Created by the migration ``shahid/store/migrations/versions/0002_link.py``.

link_documents   one row per linked document: its MinHash signature, publication time, credit
                 line, the first document of its copy group (``origin``; itself when it is the
                 first) and the engine its claims came from when it was linked
link_copy_pairs  verified copy pairs (Jaccard and containment of their word shingles)
link_originators the originators claims were resolved to (id, display name, kind)
link_incidents   one row per incident: key (stable), event, date range, place, counts of
                 claims / documents / outlets / independent originators, grade, and the full
                 incident record as JSON (claims, reconciled counts, contradictions, merges)
link_incident_actors / _places / _outlets / _originators
                 what the incident filters select on, one row per value: perpetrator roots,
                 the incident's place and every place containing it, outlets, originators
link_incident_cards  the incident as lists show it (no claims) and its killed low/best/high
                 (all written by the save step beside the incident; migration 0003)
link_claims      per claim: its originator and its incident (membership)
link_edges       the pair scores the clustering merged along (kept so that new documents only
                 relink the part of the graph they touch)
link_state       settings fingerprint of the stored result (another window → full relink)
"""

from __future__ import annotations

import sqlalchemy as sa

from shahid.store.schema import JSON, TZ, BigId, metadata

link_documents = sa.Table(
    "link_documents", metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("n_shingles", sa.Integer, nullable=False),
    sa.Column("stamp", sa.String(32), nullable=False),
    sa.Column("credit", sa.String(64)),
    sa.Column("origin", sa.String(64), nullable=False),
    sa.Column("engine", sa.String(64)),
    sa.Column("linked_at", TZ, nullable=False),
    sa.Index(None, "origin"),
)

link_copy_pairs = sa.Table(
    "link_copy_pairs", metadata,
    sa.Column("doc_a", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("doc_b", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("jaccard", sa.Float, nullable=False),
    sa.Column("containment", sa.Float, nullable=False),
    sa.PrimaryKeyConstraint("doc_a", "doc_b"),
    sa.Index(None, "doc_b"),
)

link_originators = sa.Table(
    "link_originators", metadata,
    sa.Column("id", sa.String(160), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
)

link_incidents = sa.Table(
    "link_incidents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(16), nullable=False, unique=True),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("day", sa.Date),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("place_id", sa.String(64)),
    sa.Column("place_name", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("country", sa.String(2)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("precision", sa.String(16)),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("n_outlets", sa.Integer, nullable=False),
    sa.Column("n_originators", sa.Integer, nullable=False),
    sa.Column("grade", sa.String(16), nullable=False),
    sa.Column("record", JSON, nullable=False),
    sa.Column("updated_at", TZ, nullable=False),
    # migration 0003: what the incident list filters and sorts on beside the columns above
    sa.Column("place_key", sa.Text),  # the place's normalised name
    sa.Column("n_contradictions", sa.Integer, nullable=False, server_default="0"),
    sa.Index(None, "day"),
    sa.Index(None, "event"),
    sa.Index(None, "grade"),
    sa.Index(None, "place_id"),
    sa.Index(None, "n_originators"),
    sa.Index(None, "place_key"),
    sa.Index(None, "n_contradictions"),
    sa.Index(None, "n_documents"),
)


def _facet_table(name: str, col: str, length: int) -> sa.Table:
    return sa.Table(
        name, metadata,
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("link_incidents.id", ondelete="CASCADE"), nullable=False),
        sa.Column(col, sa.String(length), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", col),
        sa.Index(None, col),
    )


link_incident_actors = _facet_table("link_incident_actors", "actor", 64)
link_incident_places = _facet_table("link_incident_places", "place_id", 64)  # the place and its ancestors
link_incident_outlets = _facet_table("link_incident_outlets", "outlet", 200)
link_incident_originators = _facet_table("link_incident_originators", "originator", 160)
# The incident as a list shows it (the record without its claims and merges) and its killed
# figures, in a narrow table: reading a list page or summing a timeline never reads the records.
link_incident_cards = sa.Table(
    "link_incident_cards", metadata,
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("link_incidents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("day", sa.Date),
    sa.Column("killed_low", sa.BigInteger),  # the killed count the ACLED export gives (everyone/civilians first)
    sa.Column("killed_best", sa.BigInteger),
    sa.Column("killed_high", sa.BigInteger),
    sa.Column("card", JSON, nullable=False),
    sa.Index(None, "killed_best"),
)
INCIDENT_INDEX_TABLES = (link_incident_actors, link_incident_places, link_incident_outlets,
                         link_incident_originators, link_incident_cards)

link_claims = sa.Table(
    "link_claims", metadata,
    sa.Column("claim_id", BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("originator", sa.String(160), nullable=False),
    sa.Column("originator_via", sa.String(32)),
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("link_incidents.id", ondelete="SET NULL")),
    sa.Index(None, "doc_id"),
    sa.Index(None, "originator"),
    sa.Index(None, "incident_id"),
)

link_edges = sa.Table(
    "link_edges", metadata,
    sa.Column("claim_a", BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    sa.Column("claim_b", BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("reasons", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("claim_a", "claim_b"),
    sa.Index(None, "claim_b"),
)

link_state = sa.Table(
    "link_state", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

LINK_TABLES = (link_edges, link_claims, *INCIDENT_INDEX_TABLES, link_incidents, link_originators, link_copy_pairs,
               link_documents,
               link_state)

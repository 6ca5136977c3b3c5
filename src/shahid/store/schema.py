"""The ledger's schema (SQLAlchemy 2 Core). Migrations in ``migrations/versions`` create exactly this.

documents      one row per distinct text (id = SHA-256 of the text), its metadata and the
               engine version its claims come from
outlets        who published a document (``alarabiya.net``, ``cnnarabic``)
sources        who a claim is attributed to (name, type), shared across claims
claims         one row per claim: event, method, certainty, evidence, trigger, date,
               source, location, each value with its text and span (half-open offsets
               into documents.text); ``event_date`` = the claim's date, else the
               document's publication date (what --since/--until filter on)
claim_actors   perpetrators (actor id, its root before "/", text, span)
claim_victims  victim groups (group id, text, span)
claim_counts   counts (kind, group, value, low, high, qualifier, text, span)
runs           one row per ingest/reextract run: when, what, how many (finished_at is
               NULL for a run that crashed)
"""

from __future__ import annotations

import sqlalchemy as sa

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)

# 64-bit keys on PostgreSQL; INTEGER PRIMARY KEY (the rowid) on SQLite.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TZ = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)  # Python None is SQL NULL, not the JSON text "null"

outlets = sa.Table(
    "outlets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.UniqueConstraint("name", "type"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id")),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_chars", sa.Integer, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("meta", JSON),
    sa.Column("engine", sa.String(64)),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("ingested_at", TZ, nullable=False),
    sa.Column("extracted_at", TZ),
    sa.Index(None, "published"),
    sa.Index(None, "outlet_id"),
    sa.Index(None, "engine"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("key", sa.String(64), nullable=False),  # the claim's id within its document
    sa.Column("seq", sa.Integer, nullable=False),  # order within the document
    sa.Column("engine", sa.String(64), nullable=False),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("method", sa.String(32)),
    sa.Column("certainty", sa.String(16), nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_norm", sa.Text, nullable=False),  # normalised evidence, for --text
    sa.Column("trigger_text", sa.Text),
    sa.Column("trigger_start", sa.Integer),
    sa.Column("trigger_end", sa.Integer),
    sa.Column("event_date", sa.Date),
    sa.Column("date_value", sa.Date),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_text", sa.Text),
    sa.Column("date_start", sa.Integer),
    sa.Column("date_end", sa.Integer),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
    sa.Column("source_type", sa.String(32)),
    sa.Column("source_text", sa.Text),
    sa.Column("source_start", sa.Integer),
    sa.Column("source_end", sa.Integer),
    sa.Column("place_name", sa.Text),
    sa.Column("place_key", sa.Text),  # normalised name, for --place
    sa.Column("place_id", sa.String(64)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin1_key", sa.Text),
    sa.Column("country", sa.String(2)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("place_precision", sa.String(16)),
    sa.Column("place_text", sa.Text),
    sa.Column("place_start", sa.Integer),
    sa.Column("place_end", sa.Integer),
    sa.Column("place_extra", JSON),  # coord_precision, candidates, other location extensions
    sa.Column("extra", JSON),  # claim fields beyond the ones above (future extensions)
    sa.UniqueConstraint("doc_id", "key"),  # also the index for doc_id
    sa.Index(None, "event"),
    sa.Index(None, "event_date"),
    sa.Index(None, "source_type"),
    sa.Index(None, "certainty"),
    sa.Index(None, "place_id"),
    sa.Index(None, "place_key"),
    sa.Index(None, "admin1_key"),
)


def _span_cols() -> list[sa.Column]:
    return [
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
    ]


def _claim_fk() -> sa.Column:
    return sa.Column("claim_id", BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False)


claim_actors = sa.Table(
    "claim_actors",
    metadata,
    _claim_fk(),
    sa.Column("pos", sa.Integer, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("actor_root", sa.String(64), nullable=False),
    *_span_cols(),
    sa.PrimaryKeyConstraint("claim_id", "pos"),
    sa.Index(None, "actor_root"),
    sa.Index(None, "actor"),
)

claim_victims = sa.Table(
    "claim_victims",
    metadata,
    _claim_fk(),
    sa.Column("pos", sa.Integer, nullable=False),
    sa.Column("grp", sa.String(32), nullable=False),
    *_span_cols(),
    sa.PrimaryKeyConstraint("claim_id", "pos"),
    sa.Index(None, "grp"),
)

claim_counts = sa.Table(
    "claim_counts",
    metadata,
    _claim_fk(),
    sa.Column("pos", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("grp", sa.String(32)),
    sa.Column("value", sa.BigInteger),
    sa.Column("low", sa.BigInteger),
    sa.Column("high", sa.BigInteger),
    sa.Column("qualifier", sa.String(16), nullable=False),
    *_span_cols(),
    sa.PrimaryKeyConstraint("claim_id", "pos"),
    sa.Index(None, "kind"),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("command", sa.String(32), nullable=False),
    sa.Column("args", JSON),
    sa.Column("engine", sa.String(64)),
    sa.Column("started_at", TZ, nullable=False),
    sa.Column("finished_at", TZ),
    sa.Column("n_read", sa.Integer),
    sa.Column("n_new", sa.Integer),
    sa.Column("n_duplicate", sa.Integer),
    sa.Column("n_failed", sa.Integer),
    sa.Column("n_skipped", sa.Integer),
    sa.Column("n_claims", sa.Integer),
)


# The linking layer keeps its tables in the same metadata (its migration is 0002).
from shahid.link import schema as _link_schema  # noqa: E402,F401

# The review layer too (its migration is 0004).
from shahid.review import schema as _review_schema  # noqa: E402,F401

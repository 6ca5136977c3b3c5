"""The first ledger: documents, outlets, sources, claims and their values, runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TZ = sa.DateTime(timezone=True)


def _span_cols() -> list[sa.Column]:
    return [
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
    ]


def _claim_fk(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("claim_id", BigId, nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE", name=f"fk_{table}_claim_id_claims"),
    ]


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outlets"),
        sa.UniqueConstraint("name", name="uq_outlets_name"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", "type", name="uq_sources_name_type"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64)),
        sa.Column("title", sa.Text),
        sa.Column("outlet_id", sa.Integer),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("n_chars", sa.Integer, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("meta", sa.JSON),
        sa.Column("engine", sa.String(64)),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.Column("extracted_at", TZ),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlets.id"], name="fk_documents_outlet_id_outlets"),
    )
    for col in ("published", "outlet_id", "engine"):
        op.create_index(f"ix_documents_{col}", "documents", [col])

    op.create_table(
        "claims",
        sa.Column("id", BigId, autoincrement=True),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("method", sa.String(32)),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_norm", sa.Text, nullable=False),
        sa.Column("trigger_text", sa.Text),
        sa.Column("trigger_start", sa.Integer),
        sa.Column("trigger_end", sa.Integer),
        sa.Column("event_date", sa.Date),
        sa.Column("date_value", sa.Date),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_text", sa.Text),
        sa.Column("date_start", sa.Integer),
        sa.Column("date_end", sa.Integer),
        sa.Column("source_id", sa.Integer),
        sa.Column("source_type", sa.String(32)),
        sa.Column("source_text", sa.Text),
        sa.Column("source_start", sa.Integer),
        sa.Column("source_end", sa.Integer),
        sa.Column("place_name", sa.Text),
        sa.Column("place_key", sa.Text),
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
        sa.Column("place_extra", sa.JSON),
        sa.Column("extra", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE", name="fk_claims_doc_id_documents"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_claims_source_id_sources"),
        sa.UniqueConstraint("doc_id", "key", name="uq_claims_doc_id_key"),
    )
    # doc_id is served by uq_claims_doc_id_key
    for col in ("event", "event_date", "source_type", "certainty", "place_id", "place_key", "admin1_key"):
        op.create_index(f"ix_claims_{col}", "claims", [col])

    op.create_table(
        "claim_actors",
        *_claim_fk("claim_actors"),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("actor_root", sa.String(64), nullable=False),
        *_span_cols(),
        sa.PrimaryKeyConstraint("claim_id", "pos", name="pk_claim_actors"),
    )
    op.create_index("ix_claim_actors_actor_root", "claim_actors", ["actor_root"])
    op.create_index("ix_claim_actors_actor", "claim_actors", ["actor"])

    op.create_table(
        "claim_victims",
        *_claim_fk("claim_victims"),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("grp", sa.String(32), nullable=False),
        *_span_cols(),
        sa.PrimaryKeyConstraint("claim_id", "pos", name="pk_claim_victims"),
    )
    op.create_index("ix_claim_victims_grp", "claim_victims", ["grp"])

    op.create_table(
        "claim_counts",
        *_claim_fk("claim_counts"),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("grp", sa.String(32)),
        sa.Column("value", sa.BigInteger),
        sa.Column("low", sa.BigInteger),
        sa.Column("high", sa.BigInteger),
        sa.Column("qualifier", sa.String(16), nullable=False),
        *_span_cols(),
        sa.PrimaryKeyConstraint("claim_id", "pos", name="pk_claim_counts"),
    )
    op.create_index("ix_claim_counts_kind", "claim_counts", ["kind"])

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("args", sa.JSON),
        sa.Column("engine", sa.String(64)),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
        sa.Column("n_read", sa.Integer),
        sa.Column("n_new", sa.Integer),
        sa.Column("n_duplicate", sa.Integer),
        sa.Column("n_failed", sa.Integer),
        sa.Column("n_skipped", sa.Integer),
        sa.Column("n_claims", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )


def downgrade() -> None:
    for table in (
        "runs",
        "claim_counts",
        "claim_victims",
        "claim_actors",
        "claims",
        "documents",
        "sources",
        "outlets",
    ):
        op.drop_table(table)

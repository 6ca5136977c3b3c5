"""Linking: copy groups, originators, incidents and their membership (see shahid.link.schema).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TZ = sa.DateTime(timezone=True)


def _fk(table: str, col: str, ref: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    ref_table = ref.split(".", 1)[0]
    return sa.ForeignKeyConstraint([col], [ref], ondelete=ondelete, name=f"fk_{table}_{col}_{ref_table}")


def upgrade() -> None:
    op.create_table(
        "link_documents",
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("n_shingles", sa.Integer, nullable=False),
        sa.Column("stamp", sa.String(32), nullable=False),
        sa.Column("credit", sa.String(64)),
        sa.Column("origin", sa.String(64), nullable=False),
        sa.Column("engine", sa.String(64)),
        sa.Column("linked_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("doc_id", name="pk_link_documents"),
        _fk("link_documents", "doc_id", "documents.id"),
    )
    op.create_index("ix_link_documents_origin", "link_documents", ["origin"])
    op.create_table(
        "link_copy_pairs",
        sa.Column("doc_a", sa.String(64), nullable=False),
        sa.Column("doc_b", sa.String(64), nullable=False),
        sa.Column("jaccard", sa.Float, nullable=False),
        sa.Column("containment", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("doc_a", "doc_b", name="pk_link_copy_pairs"),
        _fk("link_copy_pairs", "doc_a", "documents.id"),
        _fk("link_copy_pairs", "doc_b", "documents.id"),
    )
    op.create_index("ix_link_copy_pairs_doc_b", "link_copy_pairs", ["doc_b"])
    op.create_table(
        "link_originators",
        sa.Column("id", sa.String(160), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_originators"),
    )
    op.create_table(
        "link_incidents",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(16), nullable=False),
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
        sa.Column("record", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_incidents"),
        sa.UniqueConstraint("key", name="uq_link_incidents_key"),
    )
    for col in ("day", "event", "grade", "place_id", "n_originators"):
        op.create_index(f"ix_link_incidents_{col}", "link_incidents", [col])
    op.create_table(
        "link_claims",
        sa.Column("claim_id", BigId, nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("originator", sa.String(160), nullable=False),
        sa.Column("originator_via", sa.String(32)),
        sa.Column("incident_id", sa.Integer),
        sa.PrimaryKeyConstraint("claim_id", name="pk_link_claims"),
        _fk("link_claims", "claim_id", "claims.id"),
        _fk("link_claims", "doc_id", "documents.id"),
        _fk("link_claims", "incident_id", "link_incidents.id", "SET NULL"),
    )
    for col in ("doc_id", "originator", "incident_id"):
        op.create_index(f"ix_link_claims_{col}", "link_claims", [col])
    op.create_table(
        "link_edges",
        sa.Column("claim_a", BigId, nullable=False),
        sa.Column("claim_b", BigId, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("claim_a", "claim_b", name="pk_link_edges"),
        _fk("link_edges", "claim_a", "claims.id"),
        _fk("link_edges", "claim_b", "claims.id"),
    )
    op.create_index("ix_link_edges_claim_b", "link_edges", ["claim_b"])
    op.create_table(
        "link_state",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_link_state"),
    )


def downgrade() -> None:
    for table in ("link_state", "link_edges", "link_claims", "link_incidents", "link_originators",
                  "link_copy_pairs", "link_documents"):
        op.drop_table(table)

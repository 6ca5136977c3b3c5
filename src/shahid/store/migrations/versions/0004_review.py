"""Review: accounts, API tokens, the append-only review log and the reviewed overlay
(see shahid.review.schema).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TZ = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)

_PG_FUNCTION = """
CREATE FUNCTION shahid_review_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'review_log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE", name="fk_api_tokens_user_id_users"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "review_log",
        sa.Column("id", BigId, nullable=False, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("doc_id", sa.String(64)),
        sa.Column("claim_key", sa.String(64)),
        sa.Column("incident", sa.String(64)),
        sa.Column("field", sa.String(32)),
        sa.Column("value_before", JSON),
        sa.Column("value_after", JSON),
        sa.Column("reason", sa.String(32)),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_review_log"),
    )
    op.create_index("ix_review_log_doc_id", "review_log", ["doc_id"])
    op.create_index("ix_review_log_at", "review_log", ["at"])
    op.create_table(
        "claim_reviews",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16)),
        sa.Column("fields", JSON),
        sa.Column("machine", JSON),
        sa.Column("reason", sa.String(32)),
        sa.Column("note", sa.Text),
        sa.Column("optional", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reviewed_by", sa.String(64)),
        sa.Column("reviewed_at", TZ),
        sa.Column("flagged", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("flag_note", sa.Text),
        sa.Column("event", sa.String(32)),
        sa.Column("evidence_start", sa.Integer),
        sa.Column("evidence_end", sa.Integer),
        sa.Column("trigger_start", sa.Integer),
        sa.Column("trigger_end", sa.Integer),
        sa.Column("pin", sa.String(64)),
        sa.Column("claim", JSON),
        sa.PrimaryKeyConstraint("id", name="pk_claim_reviews"),
        sa.UniqueConstraint("doc_id", "key", name="uq_claim_reviews_doc_id_key"),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_claim_reviews_doc_id_documents"),
    )
    op.create_index("ix_claim_reviews_state", "claim_reviews", ["state"])
    op.create_index("ix_claim_reviews_pin", "claim_reviews", ["pin"])
    # the log is append-only in the database itself, whoever writes to it
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute("CREATE TRIGGER review_log_append_only BEFORE UPDATE OR DELETE ON review_log "
                   "FOR EACH ROW EXECUTE FUNCTION shahid_review_log_append_only()")
        # TRUNCATE fires no row trigger: a statement trigger refuses it (SQLite has no TRUNCATE;
        # its DELETE without WHERE still fires the row trigger)
        op.execute("CREATE TRIGGER review_log_no_truncate BEFORE TRUNCATE ON review_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION shahid_review_log_append_only()")
    else:
        for what in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER review_log_no_{what.lower()} BEFORE {what} ON review_log "
                       f"BEGIN SELECT RAISE(ABORT, 'review_log is append-only: {what} refused'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS review_log_no_truncate ON review_log")
        op.execute("DROP TRIGGER IF EXISTS review_log_append_only ON review_log")
        op.execute("DROP FUNCTION IF EXISTS shahid_review_log_append_only()")
    else:
        for what in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS review_log_no_{what}")
    for table in ("claim_reviews", "review_log", "api_tokens", "users"):
        op.drop_table(table)

"""The review tables (SQLAlchemy 2 Core), beside the ledger's own in ``shahid.store.schema.metadata``.

Created by the migration ``shahid/store/migrations/versions/0004_review.py``.

users          accounts: name, role (viewer | reviewer | admin), Argon2 hash, created_at, disabled
api_tokens     bearer tokens for scripts: only their SHA-256 is stored (the token is shown once)
review_log     append-only: one row per review action (who, when, action, target, field, value
               before and after as JSON, reason, note); nothing updates or deletes a row
               (PostgreSQL: a trigger refuses UPDATE and DELETE; SQLite: two triggers do)
claim_reviews  the reviewed overlay, one row per reviewed claim, keyed by (document, claim key):
               state (confirmed | corrected | rejected | added), the reviewer's values of the
               corrected fields (``fields``), the machine's values the reviewer saw (``machine``),
               the reject reason, ``optional`` (for gold), who and when, the engine flag
               (``flagged`` + ``flag_note``), the machine claim's evidence/trigger spans (to find
               it again after re-extraction), the pin of a move/merge (``pin``: the incident the
               claim must be linked into) and, for a claim a reviewer added, the whole claim
               (``claim``). The machine's claim in ``claims`` is never changed by a review.
"""

from __future__ import annotations

import sqlalchemy as sa

from shahid.store.schema import JSON, TZ, BigId, metadata

ROLES = ("viewer", "reviewer", "admin")
ACTIONS = ("confirm", "correct", "reject", "add", "move", "merge")
STATES = ("confirmed", "corrected", "rejected", "added")
REJECT_REASONS = ("not_a_claim", "figurative", "hypothetical", "background", "duplicate", "wrong_event", "other")

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
)

api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", TZ, nullable=False),
    sa.Index(None, "user_id"),
)

review_log = sa.Table(
    "review_log", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("at", TZ, nullable=False),
    sa.Column("user", sa.String(64), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("target", sa.String(16), nullable=False),  # claim | incident | document
    sa.Column("doc_id", sa.String(64)),
    sa.Column("claim_key", sa.String(64)),
    sa.Column("incident", sa.String(64)),
    sa.Column("field", sa.String(32)),
    sa.Column("value_before", JSON),
    sa.Column("value_after", JSON),
    sa.Column("reason", sa.String(32)),
    sa.Column("note", sa.Text),
    sa.Index(None, "doc_id"),
    sa.Index(None, "at"),
)

claim_reviews = sa.Table(
    "claim_reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("state", sa.String(16)),  # NULL: only pinned by a move/merge, its values not reviewed
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
    sa.UniqueConstraint("doc_id", "key"),
    sa.Index(None, "state"),
    sa.Index(None, "pin"),
)

REVIEW_TABLES = (claim_reviews, review_log, api_tokens, users)

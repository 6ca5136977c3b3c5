"""Incident index: what the incident filters select on (perpetrators, places with their
ancestors, outlets, originators), a place key and the number of contradictions on
``link_incidents``, and each incident's card (what a list shows, with its killed figures).
Incidents already linked are indexed from their stored records, so an existing ledger needs no
relink.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLES = (("link_incident_actors", "actor", 64), ("link_incident_places", "place_id", 64),
           ("link_incident_outlets", "outlet", 200), ("link_incident_originators", "originator", 160))


def upgrade() -> None:
    with op.batch_alter_table("link_incidents") as b:
        b.add_column(sa.Column("place_key", sa.Text))
        b.add_column(sa.Column("n_contradictions", sa.Integer, nullable=False, server_default="0"))
    for col in ("place_key", "n_contradictions", "n_documents"):
        op.create_index(f"ix_link_incidents_{col}", "link_incidents", [col])
    for name, col, length in _TABLES:
        op.create_table(
            name,
            sa.Column("incident_id", sa.Integer, nullable=False),
            sa.Column(col, sa.String(length), nullable=False),
            sa.PrimaryKeyConstraint("incident_id", col, name=f"pk_{name}"),
            sa.ForeignKeyConstraint(["incident_id"], ["link_incidents.id"], ondelete="CASCADE",
                                    name=f"fk_{name}_incident_id_link_incidents"),
        )
        op.create_index(f"ix_{name}_{col}", name, [col])
    op.create_table(
        "link_incident_cards",
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("killed_low", sa.BigInteger),
        sa.Column("killed_best", sa.BigInteger),
        sa.Column("killed_high", sa.BigInteger),
        sa.Column("card", sa.JSON(none_as_null=True), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name="pk_link_incident_cards"),
        sa.ForeignKeyConstraint(["incident_id"], ["link_incidents.id"], ondelete="CASCADE",
                                name="fk_link_incident_cards_incident_id_link_incidents"),
    )
    op.create_index("ix_link_incident_cards_killed_best", "link_incident_cards", ["killed_best"])
    _backfill()


def _backfill() -> None:
    """Index the incidents linked before this revision from their stored records."""
    from shahid.link.query import index_columns, index_rows

    conn = op.get_bind()
    inc = sa.table("link_incidents", sa.column("id"), sa.column("record"), sa.column("place_key"),
                   sa.column("n_contradictions"))
    rows = conn.execute(sa.select(inc.c.id, inc.c.record)).all()
    tables = {name: sa.table(name, sa.column("incident_id"), sa.column(col)) for name, col, _ in _TABLES}
    tables["link_incident_cards"] = sa.table("link_incident_cards", sa.column("incident_id"), sa.column("day"),
                                             sa.column("killed_low"), sa.column("killed_best"),
                                             sa.column("killed_high"), sa.column("card", sa.JSON()))
    acc: dict[str, list[dict]] = {name: [] for name in tables}
    updates = []
    for iid, rec in rows:
        rec = rec if isinstance(rec, dict) else json.loads(rec)
        updates.append({"b_id": iid, **index_columns(rec)})
        for t, rs in index_rows(iid, rec).items():
            acc[t.name].extend(rs)
    if updates:
        conn.execute(inc.update().where(inc.c.id == sa.bindparam("b_id")).values(
            place_key=sa.bindparam("place_key"), n_contradictions=sa.bindparam("n_contradictions")), updates)
    for name, rs in acc.items():
        if rs:
            conn.execute(tables[name].insert(), rs)


def downgrade() -> None:
    op.drop_table("link_incident_cards")
    for name, _, _ in reversed(_TABLES):
        op.drop_table(name)
    for col in ("place_key", "n_contradictions", "n_documents"):
        op.drop_index(f"ix_link_incidents_{col}", "link_incidents")
    with op.batch_alter_table("link_incidents") as b:
        b.drop_column("n_contradictions")
        b.drop_column("place_key")

"""Incident index: what the incident filters select on (perpetrators, places with their
ancestors, outlets, originators), a place key, the number of contradictions and the killed
figure (low, best, high) on ``link_incidents``. Incidents already linked are indexed from their stored records, so
an existing ledger needs no relink.

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
        b.add_column(sa.Column("killed_low", sa.BigInteger))
        b.add_column(sa.Column("best_killed", sa.BigInteger))
        b.add_column(sa.Column("killed_high", sa.BigInteger))
    op.create_index("ix_link_incidents_place_key", "link_incidents", ["place_key"])
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
    _backfill()


def _backfill() -> None:
    """Index the incidents linked before this revision from their stored records."""
    from shahid.link.query import index_columns, index_rows

    conn = op.get_bind()
    inc = sa.table("link_incidents", sa.column("id"), sa.column("record"), sa.column("place_key"),
                   sa.column("n_contradictions"), sa.column("killed_low"), sa.column("best_killed"),
                   sa.column("killed_high"))
    rows = conn.execute(sa.select(inc.c.id, inc.c.record)).all()
    tables = {name: sa.table(name, sa.column("incident_id"), sa.column(col)) for name, col, _ in _TABLES}
    acc: dict[str, list[dict]] = {name: [] for name in tables}
    updates = []
    for iid, rec in rows:
        rec = rec if isinstance(rec, dict) else json.loads(rec)
        updates.append({"b_id": iid, **index_columns(rec)})
        for t, rs in index_rows(iid, rec).items():
            acc[t.name].extend(rs)
    if updates:
        conn.execute(inc.update().where(inc.c.id == sa.bindparam("b_id")).values(
            place_key=sa.bindparam("place_key"), n_contradictions=sa.bindparam("n_contradictions"),
            killed_low=sa.bindparam("killed_low"), best_killed=sa.bindparam("best_killed"),
            killed_high=sa.bindparam("killed_high")), updates)
    for name, rs in acc.items():
        if rs:
            conn.execute(tables[name].insert(), rs)


def downgrade() -> None:
    for name, _, _ in reversed(_TABLES):
        op.drop_table(name)
    op.drop_index("ix_link_incidents_place_key", "link_incidents")
    with op.batch_alter_table("link_incidents") as b:
        b.drop_column("killed_high")
        b.drop_column("best_killed")
        b.drop_column("killed_low")
        b.drop_column("n_contradictions")
        b.drop_column("place_key")

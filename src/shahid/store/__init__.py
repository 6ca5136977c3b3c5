"""The ledger: documents, claims and every claim value with its span, in SQLite or PostgreSQL.

    >>> from shahid.store import open_store
    >>> store = open_store("ledger.db")            # or "postgresql://user@host/db"
    >>> store.add_reports([(document, report.to_dict())])

SQLAlchemy 2 Core; the schema is in :mod:`shahid.store.schema`, its migrations in
``shahid/store/migrations`` (Alembic, run when a store is opened).
"""

from shahid.store.core import DEFAULT_DB, ENV_DB, AddResult, Store, StoredDocument, open_store, resolve_url
from shahid.store.query import ClaimFilter, ClaimRecord, count_claims, iter_claims
from shahid.store.rows import InvalidReport

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "AddResult",
    "ClaimFilter",
    "ClaimRecord",
    "InvalidReport",
    "Store",
    "StoredDocument",
    "count_claims",
    "iter_claims",
    "open_store",
    "resolve_url",
]

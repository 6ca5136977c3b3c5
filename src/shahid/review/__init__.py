"""Review: people correct the ledger, every change is audited, corrections become gold.

    >>> from shahid.store import open_store
    >>> from shahid.review import users, actions
    >>> store = open_store("ledger.db")
    >>> users.add_user(store, "amal", "reviewer", "a long passphrase")
    >>> me = users.authenticate(store, "amal", "a long passphrase")
    >>> actions.correct(store, me, claim_id, "location", "C1007", (120, 123))

Modules: :mod:`.users` (accounts, tokens, roles), :mod:`.actions` (confirm, correct, reject,
add, move, merge: each one row of the append-only ``review_log``), :mod:`.overlay` (the reviewed
values on the claim dicts; re-extraction never overwrites them and flags what changed),
:mod:`.queue` (what needs a look first), :mod:`.gold` (reviewed documents as gold files).
See ``docs/review.md``.
"""

"""``shahid users | review | gold``: accounts, reviewing from the command line and the gold loop
(thin shells over :mod:`shahid.review`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

DB_HELP = ("database: a file path (SQLite, the default: $SHAHID_DB or ./shahid.db) or "
           "postgresql://user:pass@host/dbname")
TOKEN_ENV = "SHAHID_TOKEN"


def _cli_error(msg: str) -> Exception:
    from shahid.cli import CliError

    return CliError(msg)


def _open(args: argparse.Namespace) -> Any:
    from shahid.commands.ledger import open_ledger

    return open_ledger(args.db, must_exist=True)


def read_password(prompt: str = "password: ", *, confirm: bool = False) -> str:
    """From the terminal (not echoed; asked twice with ``confirm``), else one line of stdin —
    never from an argument, which other users of the machine could read in the process list."""
    if sys.stdin.isatty():
        import getpass

        pw = getpass.getpass(prompt)
        if confirm and getpass.getpass("again: ") != pw:
            raise _cli_error("the two passwords differ")
        return pw
    line = sys.stdin.readline()
    if not line:
        raise _cli_error("no password on stdin (give it as one line)")
    return line.rstrip("\r\n")


def _run(fn: Any, *a: Any, **kw: Any) -> Any:
    from shahid.review.users import AuthError, ReviewError

    try:
        return fn(*a, **kw)
    except (ReviewError, AuthError) as e:
        raise _cli_error(str(e)) from None


# -- users -----------------------------------------------------------------------------------------


def cmd_users(args: argparse.Namespace) -> int:
    from shahid.review import users

    store = _open(args)
    try:
        if args.users_cmd == "add":
            u = _run(users.add_user, store, args.name, args.role, read_password(confirm=True))
            print(f"users: added {u.name} ({u.role})", file=sys.stderr)
        elif args.users_cmd == "list":
            rows = users.list_users(store)
            if args.json:
                for r in rows:
                    print(json.dumps({**r, "created_at": str(r["created_at"])}, ensure_ascii=False))
            else:
                for r in rows:
                    print(f"{r['name']:<24} {r['role']:<9} {'disabled' if r['disabled'] else 'active':<9} "
                          f"{r['tokens']} token(s)  since {str(r['created_at'])[:19]}")
                if not rows:
                    print("no users: add the first admin with `shahid users add NAME --role admin`", file=sys.stderr)
        elif args.users_cmd == "set-role":
            u = _run(users.set_role, store, args.name, args.role)
            print(f"users: {u.name} is now a {u.role}", file=sys.stderr)
        elif args.users_cmd == "remove":
            _run(users.remove_user, store, args.name)
            print(f"users: removed {args.name} (the review log keeps their name)", file=sys.stderr)
        elif args.users_cmd == "password":
            _run(users.set_password, store, args.name, read_password(confirm=True))
            print(f"users: new password for {args.name}", file=sys.stderr)
        elif args.users_cmd in ("disable", "enable"):
            _run(users.set_disabled, store, args.name, args.users_cmd == "disable")
            print(f"users: {args.name} {args.users_cmd}d", file=sys.stderr)
        elif args.users_cmd == "token":
            if args.revoke:
                n = _run(users.revoke_tokens, store, args.name)
                print(f"users: {n} token(s) of {args.name} revoked", file=sys.stderr)
            else:
                print(_run(users.new_token, store, args.name))
                print("users: keep this token: it is shown only once (send it as "
                      "'Authorization: Bearer TOKEN', or set $SHAHID_TOKEN for `shahid review`)", file=sys.stderr)
    finally:
        store.close()
    return 0


# -- review ----------------------------------------------------------------------------------------


def _me(store: Any, args: argparse.Namespace) -> Any:
    """Who is reviewing: $SHAHID_TOKEN, else --user NAME with the password read like `users add`."""
    from shahid.review import users

    token = os.environ.get(TOKEN_ENV)
    if token and not args.user:
        u = users.user_for_token(store, token)
        if u is None:
            raise _cli_error(f"${TOKEN_ENV} is not a valid token (get one with `shahid users token NAME`)")
        return u
    if not args.user:
        raise _cli_error(f"say who reviews: --user NAME (asks the password) or ${TOKEN_ENV}")
    u = users.authenticate(store, args.user, read_password())
    if u is None:
        raise _cli_error("wrong user name or password (or the account is disabled)")
    return u


def _span(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        a, b = value.split(":", 1)
        return int(a), int(b)
    except ValueError:
        raise _cli_error(f"a span is START:END (character offsets), not {value!r}") from None


def _value(raw: str | None) -> Any:
    """A code or id as written; JSON (a list, an object, null) when it parses as one."""
    if raw is None:
        return None
    s = raw.strip()
    if s[:1] in "[{" or s == "null":
        try:
            return json.loads(s)
        except ValueError:
            raise _cli_error(f"not valid JSON: {raw!r}") from None
    return raw


def cmd_review(args: argparse.Namespace) -> int:
    from shahid.review import actions
    from shahid.review.queue import review_queue

    store = _open(args)
    try:
        if args.review_cmd == "queue":
            q = review_queue(store, outlet=args.outlet, since=args.since, until=args.until, page=args.page,
                             per_page=args.per_page)
            if args.json:
                print(json.dumps(q.to_dict(), ensure_ascii=False, default=str))
                return 0
            print(f"reviewed {q.reviewed} of {q.total} claim(s) ({q.progress:.1%}); {q.waiting} waiting; "
                  f"page {q.page}/{q.pages}")
            for i in q.items:
                print(f"{i.row_id:>7}  [{i.priority:>3}] {','.join(i.reasons) or '-':<34} {i.event:<16} "
                      f"{i.event_date or '-':<10} {i.outlet or '-'}")
                print(f"         {i.evidence[:160]}")
            return 0
        if args.review_cmd == "log":
            for r in actions.history(store, doc_id=args.doc, limit=args.limit):
                print(json.dumps(r, ensure_ascii=False, default=str))
            return 0
        me = _me(store, args)
        if args.review_cmd == "confirm":
            res = _run(actions.confirm, store, me, args.claim, optional=args.optional, note=args.note)
        elif args.review_cmd == "correct":
            value = None if args.not_in_text else _value(args.value)
            span = None if args.not_in_text else _span(args.span)
            res = _run(actions.correct, store, me, args.claim, args.field, value, span, note=args.note)
        elif args.review_cmd == "reject":
            res = _run(actions.reject, store, me, args.claim, args.reason, args.note)
        elif args.review_cmd == "add":
            fields = {"event": args.event}
            for item in args.field or ():
                name, _, raw = item.partition("=")
                fields[name.strip()] = _value(raw)
            res = _run(actions.add, store, me, args.doc, _span(args.evidence), fields, trigger=_span(args.trigger),
                       optional=args.optional, note=args.note)
        elif args.review_cmd == "done":
            res = _run(actions.confirm_document, store, me, args.doc, note=args.note)
        elif args.review_cmd == "move":
            if (args.incident is None) == (not args.new):
                raise _cli_error("give the incident to move the claim into, or --new")
            res = _run(actions.move, store, me, args.claim, args.incident, note=args.note)
        elif args.review_cmd == "merge":
            res = _run(actions.merge, store, me, args.incident_a, args.incident_b, note=args.note)
        else:  # pragma: no cover - argparse requires a subcommand
            raise _cli_error(f"unknown review command {args.review_cmd}")
        print(json.dumps(res, ensure_ascii=False))
        if args.review_cmd in ("move", "merge"):
            print("review: incidents change at the next `shahid link`", file=sys.stderr)
    finally:
        store.close()
    return 0


# -- gold ------------------------------------------------------------------------------------------


def cmd_gold(args: argparse.Namespace) -> int:
    from shahid.review import gold

    store = _open(args)
    try:
        if args.gold_cmd == "export":
            if os.path.exists(args.out_dir) and not os.path.isdir(args.out_dir):
                raise _cli_error(f"{args.out_dir} is not a folder")
            res = gold.export_gold(store, args.out_dir, include_unreviewed=args.include_unreviewed)
            if not res.documents:
                print("gold export: no fully reviewed document yet (review every claim of a document, then "
                      "`shahid review done DOC`; or --include-unreviewed)", file=sys.stderr)
                return 1
            print(f"gold export: {len(res.documents)} document(s), {res.claims} claim(s) ({res.optional} optional) "
                  f"→ {args.out_dir}", file=sys.stderr)
            for x in res.not_unique:
                print(f"gold export: anchor not unique in its text (its words recur): {x}", file=sys.stderr)
            return 0
        import tempfile

        with tempfile.TemporaryDirectory(prefix="shahid-gold-") as tmp:
            gold_dir = os.path.join(tmp, "gold")
            res = gold.export_gold(store, gold_dir, include_unreviewed=args.include_unreviewed)
            if not res.documents:
                raise _cli_error("no fully reviewed document to score (or use --include-unreviewed)")
            try:
                scored = gold.score_gold(gold_dir, args.system_dir, scorer=args.scorer, verbose=args.verbose)
            except gold.GoldError as e:
                raise _cli_error(str(e)) from None
        if args.json:
            print(json.dumps(scored, ensure_ascii=False, indent=1))
            return 0
        for m in scored.get("misses") or ():
            print(m)
        print(f"gold: {len(res.documents)} reviewed document(s), {res.claims} gold claim(s); current engine:")
        for line in gold.summary_lines(scored):
            print(line)
    finally:
        store.close()
    return 0


def register(subparsers: Any) -> None:
    """Add ``users``, ``review`` and ``gold`` to the ``shahid`` command."""
    from shahid.review.schema import REJECT_REASONS, ROLES

    p = subparsers.add_parser("users", help="manage reviewers' accounts (admin)",
                              description="Accounts of the ledger's reviewers. Passwords are read from the "
                                          "terminal, or as one line from stdin when it is not one; never from "
                                          "an argument.")
    sub = p.add_subparsers(dest="users_cmd", metavar="ACTION", required=True)
    for name, helptext in (("add", "add an account"), ("list", "list the accounts"),
                           ("set-role", "change an account's role"), ("remove", "delete an account"),
                           ("password", "set an account's password"), ("disable", "refuse an account's logins"),
                           ("enable", "allow a disabled account again"),
                           ("token", "print a new API token (bearer) for scripts")):
        q = sub.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ".")
        q.add_argument("--db", metavar="URL", help=DB_HELP)
        if name != "list":
            q.add_argument("name", metavar="NAME")
        if name in ("add", "set-role"):
            q.add_argument("--role" if name == "add" else "role", choices=ROLES, metavar="ROLE",
                           **({"required": True} if name == "add" else {}), help=" | ".join(ROLES))
        if name == "list":
            q.add_argument("--json", action="store_true", help="one JSON object a line")
        if name == "token":
            q.add_argument("--revoke", action="store_true", help="revoke every token of NAME instead")
        q.set_defaults(func=cmd_users)

    p = subparsers.add_parser("review", help="review claims from the command line",
                              description="Review the ledger's claims. Writes need a reviewer: --user NAME "
                                          f"(the password is asked) or ${TOKEN_ENV} (from `shahid users token`). "
                                          "CLAIM is a claim's row id (as `shahid claims --format json` and the "
                                          "explorer show it) or DOC_ID:KEY.")
    sub = p.add_subparsers(dest="review_cmd", metavar="ACTION", required=True)

    def common(q: argparse.ArgumentParser, *, write: bool = True) -> None:
        q.add_argument("--db", metavar="URL", help=DB_HELP)
        if write:
            q.add_argument("--user", metavar="NAME", help=f"who reviews (else ${TOKEN_ENV})")
            q.add_argument("--note", help="a note kept in the review log")
        q.set_defaults(func=cmd_review)

    q = sub.add_parser("queue", help="what needs a look first, with progress")
    common(q, write=False)
    q.add_argument("--outlet")
    q.add_argument("--since", metavar="DATE")
    q.add_argument("--until", metavar="DATE")
    q.add_argument("--page", type=int, default=1)
    q.add_argument("--per-page", type=int, default=20)
    q.add_argument("--json", action="store_true")
    q = sub.add_parser("log", help="the review log, newest first (JSON lines)")
    common(q, write=False)
    q.add_argument("--doc", metavar="DOC_ID")
    q.add_argument("--limit", type=int, default=200)
    q = sub.add_parser("confirm", help="the claim is right")
    common(q)
    q.add_argument("claim", metavar="CLAIM")
    q.add_argument("--optional", action="store_true", default=None,
                   help="in gold, a claim a system may leave out (ANNOTATION.md)")
    q = sub.add_parser("correct", help="correct a field of a claim",
                       description="Correct one field. VALUE: a code (event, method, certainty, source type), a "
                                   "gazetteer id (location), YYYY-MM-DD (date), or JSON (perpetrators, victims, "
                                   "counts: a list of objects each with its \"span\").")
    common(q)
    q.add_argument("claim", metavar="CLAIM")
    q.add_argument("field", metavar="FIELD")
    q.add_argument("value", metavar="VALUE", nargs="?")
    q.add_argument("--span", metavar="START:END", help="the words of the value in the document")
    q.add_argument("--not-in-text", action="store_true", help="the text does not give it: the value becomes null")
    q = sub.add_parser("reject", help="reject a claim")
    common(q)
    q.add_argument("claim", metavar="CLAIM")
    q.add_argument("reason", choices=REJECT_REASONS, metavar="REASON", help=" | ".join(REJECT_REASONS))
    q = sub.add_parser("add", help="add a claim the engine missed")
    common(q)
    q.add_argument("doc", metavar="DOC_ID")
    q.add_argument("--evidence", required=True, metavar="START:END", help="the clause or sentence stating it")
    q.add_argument("--event", required=True)
    q.add_argument("--trigger", metavar="START:END")
    q.add_argument("--field", action="append", metavar="NAME=VALUE",
                   help="another field, VALUE as for `review correct` (JSON with \"span\" for spanned fields)")
    q.add_argument("--optional", action="store_true")
    q = sub.add_parser("done", help="the document is reviewed: confirm its other claims, nothing is missing")
    common(q)
    q.add_argument("doc", metavar="DOC_ID")
    q = sub.add_parser("move", help="move a claim to another incident (or --new)")
    common(q)
    q.add_argument("claim", metavar="CLAIM")
    q.add_argument("incident", metavar="INCIDENT", nargs="?")
    q.add_argument("--new", action="store_true", help="out into an incident of its own")
    q = sub.add_parser("merge", help="merge incident B into incident A")
    common(q)
    q.add_argument("incident_a", metavar="A")
    q.add_argument("incident_b", metavar="B")

    p = subparsers.add_parser("gold", help="reviewed documents as gold files; score the engine on them",
                              description="The gold loop: reviewed documents become gold in the format of "
                                          "../shared/spec/CLAIMS.md.")
    sub = p.add_subparsers(dest="gold_cmd", metavar="ACTION", required=True)
    q = sub.add_parser("export", help="write NAME.txt and NAME.gold.json per reviewed document",
                       description="Write NAME.txt (the document as stored) and NAME.gold.json for every fully "
                                   "reviewed document (every document with --include-unreviewed).")
    q.add_argument("--db", metavar="URL", help=DB_HELP)
    q.add_argument("out_dir", metavar="OUT_DIR")
    q.add_argument("--include-unreviewed", action="store_true",
                   help="every document, the machine's claims where no one looked (a start for annotators)")
    q.set_defaults(func=cmd_gold)
    q = sub.add_parser("score", help="score the current engine on the reviewed documents",
                       description="Export the reviewed documents as gold, extract them with the current engine and "
                                   "print the summary of ../shared/eval/score.py.")
    q.add_argument("--db", metavar="URL", help=DB_HELP)
    q.add_argument("--include-unreviewed", action="store_true")
    q.add_argument("--scorer", metavar="PATH", help="score.py (default ../shared/eval/score.py or $SHAHID_SCORER)")
    q.add_argument("--system-dir", metavar="DIR", help="keep the engine's output here")
    q.add_argument("--json", action="store_true", help="the scorer's result as JSON")
    q.add_argument("--verbose", action="store_true", help="list every miss")
    q.set_defaults(func=cmd_gold)

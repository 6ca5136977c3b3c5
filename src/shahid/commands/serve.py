"""``shahid serve``: the explorer (a thin shell over :func:`shahid.web.create_app`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

DB_HELP = ("database: a file path (SQLite, the default: $SHAHID_DB or ./shahid.db) or "
           "postgresql://user:pass@host/dbname")


LOOPBACK = ("127.0.0.1", "localhost")  # (not ::1: Starlette's host check cannot read "[::1]:8000")


def allowed_hosts(host: str, given: list[str] | None) -> list[str] | None:
    """The Host names the app answers: ``--allowed-host`` when given; on a loopback address this
    machine's own names (a page elsewhere that rebinds its name to 127.0.0.1 gets 400); else any."""
    if given:
        return given
    return ["127.0.0.1", "localhost"] if host in LOOPBACK else None


def cmd_serve(args: argparse.Namespace) -> int:
    from shahid.commands.ledger import open_ledger

    try:
        import uvicorn

        from shahid.web import create_app
    except ModuleNotFoundError as e:  # pragma: no cover - the web extra not installed
        from shahid.cli import CliError

        raise CliError(f"shahid serve needs {e.name}: pip install 'shahid[web]'") from None
    store = open_ledger(args.db, must_exist=True)
    app = create_app(store, private=args.private, https_only=args.https_only,
                     allowed_hosts=allowed_hosts(args.host, args.allowed_host))
    if not args.quiet:
        print(f"shahid serve: {store.display_url} at http://{args.host}:{args.port}/ (Ctrl-C stops)",
              file=sys.stderr, flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning" if args.quiet else "info",
                    access_log=not args.quiet)
    finally:
        store.close()
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve", help="explore the ledger in a browser (incidents, map, timeline, evidence)",
        description="Serve the ledger's explorer: the ledger at a glance (/), incidents with filters, facets "
                    "and downloads (/incidents), an incident with the claims behind every figure "
                    "(/incidents/KEY), documents with their highlighted spans (/documents/ID), claims, "
                    "places and sources. Every page at P has its JSON twin at P.json; /openapi.json describes "
                    "them. Reviewers log in (/login) to confirm, correct, reject and add claims on the claim and "
                    "document pages, move and merge on incident pages, and work through /review. Nothing is "
                    "fetched from the network.")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--quiet", "-q", action="store_true", help="no access log")
    p.add_argument("--private", action="store_true",
                   help="every page needs a login (accounts: `shahid users add`); by default anonymous "
                        "visitors read what the explorer shows and reviewers log in to review")
    p.add_argument("--https-only", action="store_true",
                   help="mark the session cookie Secure (behind an HTTPS proxy). Sessions are signed with "
                        "$SHAHID_SECRET_KEY, else a random key (every session ends when the server stops)")
    p.add_argument("--allowed-host", action="append", metavar="NAME",
                   help="a name the Host header may give (repeat for more; '*' for any). Default on 127.0.0.1: "
                        "127.0.0.1 and localhost only (a web page that rebinds its own name to this machine gets "
                        "400); on another address: any. Behind a reverse proxy, give the site's name")
    p.set_defaults(func=cmd_serve)

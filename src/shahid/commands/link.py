"""``shahid link | incidents | incident | export-incidents``: linking's subcommands (thin shells
over :mod:`shahid.link`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

DB_HELP = ("database: a file path (SQLite, the default: $SHAHID_DB or ./shahid.db) or "
           "postgresql://user:pass@host/dbname")
GRADES = ("single_source", "corroborated", "contested")


def _cli_error(msg: str) -> Exception:
    try:
        from shahid.cli import CliError
    except ImportError:  # pragma: no cover
        return SystemExit(f"shahid: {msg}")
    return CliError(msg)


def _open(args: argparse.Namespace) -> Any:
    """Every linking command works on an existing ledger: a mistyped --db is an error, never a new
    empty ledger."""
    from shahid.commands.ledger import open_ledger

    return open_ledger(args.db, must_exist=True)


def _day(value: str | None, *, end: bool = False) -> date | None:
    if not value:
        return None
    from shahid.store.query import parse_day

    try:
        return parse_day(value, end=end)
    except ValueError as e:
        raise _cli_error(str(e)) from None


# -- link ------------------------------------------------------------------------------------------


def cmd_link(args: argparse.Namespace) -> int:
    from shahid.link.config import LinkConfigError
    from shahid.link.store import link_store

    if args.window_days < 0:
        raise _cli_error("--window-days must be >= 0")
    store = _open(args)

    def progress(msg: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r{msg}", end="", file=sys.stderr, flush=True)

    def waiting() -> None:
        print("shahid: another 'shahid link' is running on this ledger; waiting for it to finish…",
              file=sys.stderr, flush=True)

    try:
        r = link_store(store, window_days=args.window_days, full=args.full, batch=args.batch_size,
                       progress=progress, on_wait=waiting)
    except LinkConfigError as e:
        raise _cli_error(str(e)) from None
    finally:
        store.close()
    if not args.quiet:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        what = "relinked everything" if r.full else "linked"
        print(f"link {store.display_url}: {what} {r.documents} new document(s) of {r.total_documents} · "
              f"{r.claims} claim(s) · {r.copy_pairs} copy pair(s) in {r.copy_groups} copy group(s) "
              f"({r.copies} copies) · {r.incidents} incident(s), {r.incidents_multi} from 2+ documents, "
              f"{r.corroborated} corroborated, {r.contested} contested · {r.seconds:.1f} s", file=sys.stderr)
        if args.verbose:
            print("  time: " + " · ".join(f"{k} {v:.2f} s" for k, v in r.phases.items()), file=sys.stderr)
    if args.json:
        print(json.dumps(r.to_dict(), ensure_ascii=False))
    return 0


# -- incidents ---------------------------------------------------------------------------------------


def _add_incident_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (repeat or comma-separate values: any of them; all filters apply)")
    g.add_argument("--event", action="append", metavar="CODE", help="incident event, e.g. airstrike,shelling")
    g.add_argument("--place", metavar="NAME", help="place name or id; includes the places inside it")
    g.add_argument("--since", metavar="DATE", help="incident day on or after (YYYY-MM-DD, YYYY-MM or YYYY)")
    g.add_argument("--until", metavar="DATE", help="incident day on or before")
    g.add_argument("--grade", action="append", metavar="GRADE", help=f"one of {', '.join(GRADES)}")
    g.add_argument("--min-documents", type=int, default=0, metavar="N", help="reported by at least N documents")
    g.add_argument("--min-originators", type=int, default=0, metavar="N",
                   help="at least N independent originators")
    g.add_argument("--originator", action="append", metavar="ID", help="an originator id, e.g. sohr")
    g.add_argument("--outlet", action="append", metavar="NAME", help="reported by this outlet")
    g.add_argument("--perpetrator", "--actor", action="append", metavar="ID",
                   help="actor id (root), e.g. sy_government")
    g.add_argument("--contested", action="store_true",
                   help="only incidents with a contradiction (a denial, disputed blame or conflicting counts)")


def _check_filters(args: argparse.Namespace) -> None:
    """Unknown codes and bad dates in the filters are errors, raised before anything is opened."""
    from shahid.commands.ledger import check_claim_codes, check_codes

    check_claim_codes(args)
    check_codes("--grade", args.grade, GRADES)
    _day(args.since)
    _day(args.until, end=True)


def incident_filter(args: argparse.Namespace) -> Any:
    """The command line's incident filters as a :class:`shahid.link.query.IncidentFilter`."""
    from shahid.link.query import IncidentFilter
    from shahid.store.query import split_values

    return IncidentFilter(events=split_values(args.event), actors=split_values(args.perpetrator), place=args.place,
                          since=_day(args.since), until=_day(args.until, end=True), grades=split_values(args.grade),
                          min_documents=args.min_documents, min_originators=args.min_originators,
                          originators=split_values(args.originator), outlets=split_values(args.outlet),
                          contested=bool(getattr(args, "contested", False)))


def _select(store: Any, args: argparse.Namespace) -> Any:
    from shahid.link.query import iter_incidents

    return iter_incidents(store, incident_filter(args), sort="originators" if getattr(args, "top", False) else "day")


def _counts_line(inc: dict[str, Any]) -> str:
    parts = []
    for c in inc["counts"]:
        g = f"/{c['group']}" if c.get("group") else ""
        rng = f"{c['best']}" if c["low"] == c["high"] else f"{c['low']}–{c['best']}–{c['high']}"
        parts.append(f"{c['kind']}{g} {rng}")
    return ", ".join(parts)


def _row(inc: dict[str, Any]) -> str:
    p = inc.get("place") or {}
    place = p.get("name") or "-"
    return (f"{inc['key']}  {inc.get('date') or inc.get('day') or '????-??-??'}  {inc['event']:<16} {place[:28]:<28} "
            f"docs {inc['n_documents']:>3}  outlets {inc['n_outlets']:>2}  orig {inc['n_originators']:>2}  "
            f"{inc['grade']:<13} {_counts_line(inc)}")


def cmd_incidents(args: argparse.Namespace) -> int:
    _check_filters(args)
    store = _open(args)
    out = sys.stdout
    n = 0
    limit = args.limit if args.limit and args.limit > 0 else None
    if args.format == "table" and args.limit is None:
        limit = 50
    try:
        for inc in _select(store, args):
            if limit is not None and n >= limit:
                break
            if args.format == "json":
                out.write(json.dumps(_brief(inc) if not args.full_records else inc, ensure_ascii=False) + "\n")
            else:
                out.write(_row(inc) + "\n")
            n += 1
    finally:
        store.close()
    if args.format == "table":
        print(f"{n} incident(s)" + (" (--limit reached)" if limit is not None and n >= limit else ""),
              file=sys.stderr)
    return 0


def _brief(inc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in inc.items() if k not in ("claims", "merges")}


# -- incident ---------------------------------------------------------------------------------------


def story(inc: dict[str, Any]) -> str:
    """The full story of one incident, as text."""
    p = inc.get("place") or {}
    lines = [
        f"Incident {inc['key']} (#{inc.get('id', '-')}): {inc['event']}"
        + (f" ({inc['method']})" if inc.get("method") else "")
        + f" — {p.get('name') or 'place unknown'}" + (f", {p['admin1']}" if p.get("admin1") else "")
        + f" — {inc.get('date') or 'date unknown'}"
        + (f" ({inc['date_start']} … {inc['date_end']})" if inc.get("date_start") != inc.get("date_end") else ""),
        f"  grade: {inc['grade']} — {inc['n_originators']} independent originator(s), {inc['n_outlets']} outlet(s), "
        f"{inc['n_documents']} document(s), {inc['n_claims']} claim(s)",
    ]
    if inc["perpetrators"]:
        lines.append("  perpetrators: " + ", ".join(inc["perpetrators"]))
    if inc["victims"]:
        lines.append("  victims: " + ", ".join(inc["victims"]))
    for c in inc["counts"]:
        g = f"/{c['group']}" if c.get("group") else ""
        figs = "; ".join(f"{f['value']} ({', '.join(f['originators'])})" for f in c["figures"])
        lines.append(f"  {c['kind']}{g}: low {c['low']} · best {c['best']} · high {c['high']}   [{figs}]")
    for x in inc["contradictions"]:
        lines.append(f"  ! {x['type'].replace('_', ' ')}: {x['detail']}")
    lines.append("  originators:")
    for o in inc["originators"]:
        lines.append(f"    {o['id']:<28} {o['name']} — {o['claims']} claim(s) via {', '.join(o['outlets']) or '-'}")
    lines.append("  claims:")
    for c in inc["claims"]:
        src = c.get("source")
        said = f"{src['name']} ({src['type']}) «{src['text']}»" if src else "the outlet's own voice"
        copy = f", copy of {c['copy_of'][:12]}" if c.get("copy_of") else ""
        lines.append(f"    [{c['outlet'] or '?'} {c['published'] or '?'} doc {c['doc_id'][:12]}{copy} "
                     f"claim {c['claim_id']}] {c['event']} [{c['certainty']}] — originator {c['originator']['id']} "
                     f"(by {c['originator']['via']}) — says {said}")
        details = []
        if c.get("place"):
            details.append(f"place {c['place']}")
        if c.get("date"):
            details.append(f"day {c['date']}" + ("" if c.get("date_stated") else " (publication)"))
        if c.get("perpetrators"):
            details.append("by " + ", ".join(c["perpetrators"]))
        for n in c.get("counts") or ():
            details.append(f"{n['kind']}{'/' + n['group'] if n.get('group') else ''} {n['value']} {n['qualifier']}")
        if details:
            lines.append("      " + " · ".join(details))
        if c.get("title"):
            lines.append(f"      title: {c['title']}")
        lines.append(f"      «{c['evidence']}»")
        j = c.get("joined")
        if j:
            lines.append(f"      joined with {j['with'].split(':')[0][:12]}:{j['with'].split(':')[-1]} "
                         f"(score {j['score']}: {', '.join(j['reasons'])})")
    return "\n".join(lines)


def cmd_incident(args: argparse.Namespace) -> int:
    from shahid.link.store import get_incident

    store = _open(args)
    try:
        inc = get_incident(store, args.id)
    finally:
        store.close()
    if inc is None:
        raise _cli_error(f"no incident {args.id!r} (run 'shahid link' first; "
                         "ids are the keys 'shahid incidents' shows)")
    if args.format == "json":
        print(json.dumps(inc, ensure_ascii=False, indent=1))
    else:
        print(story(inc))
    return 0


# -- export ------------------------------------------------------------------------------------------


def cmd_export_incidents(args: argparse.Namespace) -> int:
    from shahid.commands.ledger import check_output
    from shahid.link.export import write_acled_csv, write_geojson, write_json

    _check_filters(args)
    check_output(args.output)
    store = _open(args)
    try:
        incs = _select(store, args)
        fh = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8", newline="")
        try:
            if args.format == "acled-csv":
                n = write_acled_csv(incs, fh, bom=not args.no_bom)
            elif args.format == "geojson":
                n = write_geojson(incs, fh)
            else:
                n = write_json(incs, fh)
        finally:
            if fh is not sys.stdout:
                fh.close()
    finally:
        store.close()
    print(f"exported {n} incident(s)", file=sys.stderr)
    return 0


# -- registration --------------------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "link", help="link stored claims: copies, originators, incidents (incremental)",
        description="Find republished copies, resolve every claim's originator and cluster claims into "
                    "incidents. Only documents not linked yet are processed; they join existing incidents. "
                    "A different --window-days (or re-extracted documents) relinks everything.")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--window-days", type=int, default=1, metavar="N",
                   help="claims up to N days apart may be one incident (default 1)")
    p.add_argument("--full", action="store_true", help="relink everything from scratch")
    p.add_argument("--batch-size", type=int, default=1000, metavar="N", help="documents per transaction")
    p.add_argument("--json", action="store_true", help="print the run's figures as JSON on stdout")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary")
    p.add_argument("--verbose", "-v", action="store_true", help="time per phase")
    p.set_defaults(func=cmd_link)

    p = subparsers.add_parser("incidents", help="list incidents",
                              description="List linked incidents (run 'shahid link' first).")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    _add_incident_filters(p)
    p.add_argument("--top", action="store_true", help="most independent originators first")
    p.add_argument("--limit", type=int, metavar="N", help="at most N (table default 50; 0 = all)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or JSON Lines")
    p.add_argument("--full-records", action="store_true", help="JSON: include every claim and merge")
    p.set_defaults(func=cmd_incidents)

    p = subparsers.add_parser("incident", help="the full story of one incident",
                              description="Every claim of one incident with its quote, source, originator "
                                          "and why it was linked; reconciled counts and contradictions.")
    p.add_argument("id", metavar="ID", help="incident key (as 'shahid incidents' shows) or numeric id")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_incident)

    p = subparsers.add_parser("export-incidents", help="export incidents (ACLED-style CSV, GeoJSON or JSON)",
                              description="One row per incident: ACLED columns, fatalities = the best "
                                          "reconciled figure, notes naming the sources and disputed figures.")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--format", choices=("acled-csv", "geojson", "json"), required=True,
                   help="acled-csv, geojson (a point per incident with coordinates) or json (JSON Lines)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default stdout)")
    p.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")
    _add_incident_filters(p)
    p.set_defaults(func=cmd_export_incidents, top=False)

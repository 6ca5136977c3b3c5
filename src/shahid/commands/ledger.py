"""``shahid ingest | reextract | claims | export``: the ledger's subcommands (thin shells)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any

from shahid.ingest import DEFAULT_MAX_DOC_SECONDS, Progress, Summary

DB_HELP = "database: a file path (SQLite, the default: $SHAHID_DB or ./shahid.db) or postgresql://user:pass@host/dbname"


def _cli_error(msg: str) -> Exception:
    """The CLI's own error type (printed without a traceback, exit status 2)."""
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) == "shahid.cli":
        return main.CliError(msg)  # type: ignore[union-attr]  # run as `python -m shahid.cli`
    try:
        from shahid.cli import CliError
    except ImportError:  # pragma: no cover - the CLI module is always there in the package
        return SystemExit(f"shahid: {msg}")
    return CliError(msg)


# -- progress ------------------------------------------------------------------------------------


class RichProgress(Progress):
    """A rich progress line on stderr: documents, documents/s, claims, claims/s; problems above it."""

    def __init__(self, label: str, *, enabled: bool) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.label = label
        self._progress: Any = None
        self._task: Any = None

    def start(self) -> None:
        if not self.enabled:
            return
        from rich.progress import Progress as RP
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = RP(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}", justify="left"),
            TextColumn("{task.fields[stats]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=None, stats="starting…")

    def update(self, s: Summary) -> None:
        self.last = s
        if self._progress is None:
            return
        secs = max(s.seconds, 1e-9)
        stats = (
            f"{s.read:,} docs {s.read / secs:,.0f}/s · {s.claims:,} claims {s.claims / secs:,.0f}/s · "
            f"new {s.new:,} · dup {s.duplicate:,} · failed {s.failed:,}"
        )
        self._progress.update(self._task, stats=stats)

    def problem(self, problem: Any) -> None:
        word = {"skipped": "skipped", "warning": "warning:"}.get(problem.kind, "failed")
        msg = f"shahid: {word} {problem.origin}: {problem.reason}"
        if self._progress is not None:
            self._progress.console.print(msg, markup=False, highlight=False)
        else:
            print(msg, file=sys.stderr)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class QuietProgress(Progress):
    """--quiet: failures still go to stderr (never silently lost), skips do not."""

    def problem(self, problem: Any) -> None:
        if problem.kind == "failed":
            print(f"shahid: failed {problem.origin}: {problem.reason}", file=sys.stderr)


# -- arguments -----------------------------------------------------------------------------------


def _jobs(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("--jobs must be >= 0 (0 = one per CPU)")
    return n or (os.cpu_count() or 1)


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="extraction processes (default 1; 0 = one per CPU)",
    )
    p.add_argument("--batch-size", type=int, default=200, metavar="N", help="documents per transaction (default 200)")
    p.add_argument(
        "--executor",
        choices=("process", "dask"),
        default="process",
        help="where extraction runs: local processes (default) or Dask (needs shahid[dask])",
    )
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS", help="run extraction on this Dask cluster")
    p.add_argument(
        "--max-doc-seconds",
        type=_seconds,
        default=DEFAULT_MAX_DOC_SECONDS,
        metavar="S",
        help=f"stop extracting a document after S seconds and record it as failed "
        f"(default {DEFAULT_MAX_DOC_SECONDS:g}; 0 = no limit)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")


def _seconds(value: str) -> float:
    try:
        s = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if s < 0:
        raise argparse.ArgumentTypeError("must be >= 0 (0 = no limit)")
    return s


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (repeat or comma-separate values: any of them; all filters apply)")
    g.add_argument("--event", action="append", metavar="CODE", help="event code, e.g. airstrike,shelling")
    g.add_argument(
        "--actor",
        action="append",
        metavar="ID",
        help="perpetrator id; sy_government also matches sy_government/…",
    )
    g.add_argument("--victim", action="append", metavar="GROUP", help="victim group, e.g. children")
    g.add_argument("--place", metavar="NAME", help="place name or id; includes the places inside it")
    g.add_argument("--since", metavar="DATE", help="event date on or after (YYYY-MM-DD, YYYY-MM or YYYY)")
    g.add_argument("--until", metavar="DATE", help="event date on or before")
    g.add_argument("--source-type", action="append", metavar="TYPE", help="e.g. monitor,activist")
    g.add_argument("--certainty", action="append", metavar="CODE", help="e.g. confirmed,asserted")
    g.add_argument("--text", metavar="WORDS", help="all these words in the evidence (normalised)")
    g.add_argument("--outlet", action="append", metavar="NAME", help="publishing outlet")
    g.add_argument("--located", action="store_true", help="only claims with coordinates")


def split_values(values: list[str] | None) -> list[str]:
    return [v.strip() for s in values or () for v in s.split(",") if v.strip()]


def check_codes(option: str, values: list[str] | None, allowed: tuple[str, ...], *, root: bool = False) -> None:
    """An unknown code in a filter is an error naming the valid ones (never a silent empty result).
    With ``root``, only the part before ``/`` is checked (``sy_government/republican_guard``)."""
    for v in split_values(values):
        if (v.split("/", 1)[0] if root else v) not in allowed:
            raise _cli_error(f"unknown {option} code {v!r}: use one of {', '.join(allowed)}")


def check_claim_codes(args: argparse.Namespace) -> None:
    from shahid.lang.loader import ACTOR_ROOTS, CERTAINTIES, EVENTS, GROUPS, SOURCE_TYPES

    check_codes("--event", getattr(args, "event", None), EVENTS)
    check_codes("--victim", getattr(args, "victim", None), GROUPS)
    check_codes("--source-type", getattr(args, "source_type", None), SOURCE_TYPES)
    check_codes("--certainty", getattr(args, "certainty", None), CERTAINTIES)
    check_codes("--actor", getattr(args, "actor", None), ACTOR_ROOTS, root=True)
    check_codes("--perpetrator", getattr(args, "perpetrator", None), ACTOR_ROOTS, root=True)


def _filter(args: argparse.Namespace) -> Any:
    from shahid.store import ClaimFilter
    from shahid.store.query import parse_day

    check_claim_codes(args)
    try:
        parse_day(args.since)
        parse_day(args.until, end=True)
    except ValueError as e:
        raise _cli_error(str(e)) from None
    return ClaimFilter(
        events=args.event or (),
        actors=args.actor or (),
        victims=args.victim or (),
        place=args.place,
        since=args.since,
        until=args.until,
        source_types=args.source_type or (),
        certainties=args.certainty or (),
        text=args.text,
        outlets=args.outlet or (),
        located=args.located,
    )


def _open(args: argparse.Namespace, *, must_exist: bool = False) -> Any:
    """Open the ledger ``--db`` names. A command that only reads it (``must_exist``) refuses a
    path or database that holds no ledger rather than creating an empty one."""
    return open_ledger(args.db, must_exist=must_exist)


def open_ledger(db: str | None, *, must_exist: bool = False) -> Any:
    from shahid.store import Store, open_store, resolve_url

    url = resolve_url(db)
    shown = db or url.database or url.render_as_string(hide_password=True)
    hint = f"run `shahid ingest PATH --db {shown}` first"
    if must_exist and url.get_backend_name() == "sqlite" and not os.path.isfile(url.database or ""):
        raise _cli_error(f"no ledger at {url.database}: {hint}")
    try:
        if must_exist and url.get_backend_name() != "sqlite":
            import sqlalchemy as sa

            probe = Store(url, migrate=False)
            try:
                with probe.read() as conn:
                    found = sa.inspect(conn).has_table("documents")
            finally:
                probe.close()
            if not found:
                raise LookupError(f"no ledger in {probe.display_url} (no shahid tables there): {hint}")
        return open_store(url)
    except LookupError as e:
        raise _cli_error(str(e)) from None
    except Exception as e:
        first = (str(getattr(e, "orig", None) or e).strip().splitlines() or [type(e).__name__])[0]
        raise _cli_error(f"cannot open the database {shown}: {first}") from None


def _finish(summary: Summary, args: argparse.Namespace, what: str) -> int:
    if not args.quiet:
        print(f"{what}: {summary.line()}", file=sys.stderr)
        if summary.seconds > 0 and (summary.extract_seconds or summary.store_seconds):
            print(
                f"  time: extraction {summary.extract_seconds:.2f} s · "
                f"storage {summary.store_seconds:.2f} s · reading {summary.read_seconds:.2f} s",
                file=sys.stderr,
            )
    return 1 if summary.failed else 0


# -- commands ------------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from shahid.ingest import ingest
    from shahid.read import Limits, parse_mapping

    try:
        mapping = parse_mapping(args.map) if args.map else None
    except ValueError as e:
        raise _cli_error(str(e)) from None
    store = _open(args)
    progress: Progress = QuietProgress() if args.quiet else RichProgress("ingest", enabled=True)
    try:
        summary = ingest(
            args.paths,
            store,
            fmt=args.format,
            mapping=mapping,
            published=args.published,
            jobs=args.jobs,
            batch_size=args.batch_size,
            executor=args.executor,
            dask_address=args.dask,
            limits=Limits(args.max_doc_mb),
            max_doc_seconds=args.max_doc_seconds or None,
            progress=progress,
        )
    except (ValueError, RuntimeError) as e:
        raise _cli_error(str(e)) from None
    except KeyboardInterrupt:
        return _interrupted(progress, "ingest")
    finally:
        store.close()
    return _finish(summary, args, f"ingest into {store.display_url}")


def cmd_reextract(args: argparse.Namespace) -> int:
    from shahid.ingest import reextract

    store = _open(args, must_exist=True)
    progress: Progress = QuietProgress() if args.quiet else RichProgress("reextract", enabled=True)
    try:
        summary = reextract(
            store,
            everything=args.all,
            jobs=args.jobs,
            batch_size=args.batch_size,
            executor=args.executor,
            dask_address=args.dask,
            max_doc_seconds=args.max_doc_seconds or None,
            progress=progress,
        )
    except (ValueError, RuntimeError) as e:
        raise _cli_error(str(e)) from None
    except KeyboardInterrupt:
        return _interrupted(progress, "reextract")
    finally:
        store.close()
    return _finish(summary, args, "reextract")


def _interrupted(progress: Progress, what: str) -> int:
    done = progress.last.line() if progress.last else "nothing stored yet"
    print(
        f"{what}: interrupted after {done}; every finished batch is stored: run it again to complete", file=sys.stderr
    )
    return 130


CLAIM_COLUMNS = (
    "doc_id",
    "claim_id",
    "event",
    "method",
    "certainty",
    "date",
    "place",
    "admin1",
    "lat",
    "lon",
    "perpetrators",
    "victims",
    "killed",
    "injured",
    "source",
    "source_type",
    "outlet",
    "published",
    "evidence",
    "engine",
)


def claim_columns(rec: Any) -> dict[str, Any]:
    from shahid.export import fatalities, fatalities_figure

    c = rec.claim
    loc = c.get("location") or {}
    src = c.get("source") or {}
    stated = [n.get("low") if n.get("low") is not None else n.get("value")
              for n in c.get("counts") or () if n.get("kind") == "injured"]
    injured = sum(v for v in stated if v is not None) if any(v is not None for v in stated) else None
    return {
        "doc_id": rec.doc["id"],
        "claim_id": c["id"],
        "event": c["event"],
        "method": c.get("method"),
        "certainty": c.get("certainty"),
        "date": (c.get("date") or {}).get("value"),
        "place": loc.get("name"),
        "admin1": loc.get("admin1"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "perpetrators": ";".join(a["actor"] for a in c.get("perpetrators") or ()),
        "victims": ";".join(g["group"] for g in c.get("victims") or ()),
        "killed": fatalities(c),
        "injured": injured,
        "source": src.get("name"),
        "source_type": src.get("type"),
        "outlet": rec.doc.get("outlet"),
        "published": rec.doc.get("published"),
        "evidence": c["evidence"]["text"],
        "engine": rec.engine,
        "killed_figure": fatalities_figure(c),
    }


def cmd_claims(args: argparse.Namespace) -> int:
    from shahid.export import csv_row
    from shahid.store import count_claims, iter_claims

    flt = _filter(args)
    store = _open(args, must_exist=True)
    limit = args.limit if args.limit and args.limit > 0 else None
    if args.format == "table" and args.limit is None:
        limit = 50
    out = sys.stdout
    try:
        records = iter_claims(store, flt, limit=limit)
        if args.format == "json":
            for rec in records:
                out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        elif args.format == "csv":
            w = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\n", extrasaction="ignore")
            w.writeheader()
            for rec in records:
                w.writerow(csv_row(claim_columns(rec)))
        else:
            _print_table(list(records), count_claims(store, flt), limit)
    finally:
        store.close()
    return 0


_WIDE = 120  # columns from which claims are shown as a table; below, one block per claim


def _print_table(records: list[Any], total: int, limit: int | None) -> None:
    """Claims for people. Codes (event, certainty, source type) are never wrapped; the evidence is.
    A wide terminal gets a table; a pipe, a file or a narrow terminal one block per claim."""
    import textwrap

    from rich.console import Console
    from rich.table import Table

    from shahid.cli import _width

    width = _width()
    shown = len(records)
    more = f" (showing {shown}; --limit 0 for all)" if limit is not None and total > shown else ""
    rows = [claim_columns(rec) for rec in records]
    if width >= _WIDE and sys.stdout.isatty():
        console = Console()
        table = Table(show_lines=False, header_style="bold")
        for col in ("date", "event", "certainty", "killed"):
            table.add_column(col, no_wrap=True)
        for col in ("place", "perpetrators", "victims", "source"):
            table.add_column(col, overflow="fold", max_width=22)
        table.add_column("evidence", overflow="fold", min_width=30, ratio=1)
        for r in rows:
            ev = r["evidence"]
            table.add_row(
                r["date"] or f"({r['published'] or '?'})", r["event"], r["certainty"] or "", r["killed_figure"],
                r["place"] or "", r["perpetrators"].replace(";", ", "), r["victims"].replace(";", ", "),
                f"{r['source'] or r['outlet'] or ''}" + (f" [{r['source_type']}]" if r["source_type"] else ""),
                ev[:160] + ("…" if len(ev) > 160 else ""),
            )
        console.print(table)
        console.print(f"{total} claim(s){more}", style="dim")
        return
    out = sys.stdout
    for r in rows:
        head = [r["date"] or f"({r['published'] or '?'})", r["event"], f"[{r['certainty'] or '?'}]"]
        if r["killed_figure"]:
            head.append(f"killed {r['killed_figure']}")
        if r["place"]:
            head.append(f"@ {r['place']}" + (f", {r['admin1']}" if r["admin1"] else ""))
        out.write("  ".join(head) + "\n")
        who = []
        if r["perpetrators"]:
            who.append("by " + r["perpetrators"].replace(";", ", "))
        if r["victims"]:
            who.append("on " + r["victims"].replace(";", ", "))
        src = r["source"] or r["outlet"]
        if src:
            who.append("says " + src + (f" [{r['source_type']}]" if r["source_type"] else ""))
        if who:  # wrapped between words only: a code (sy_government/republican_guard) is never cut
            out.write("\n".join(textwrap.wrap(" · ".join(who), width=max(40, width), initial_indent="    ",
                                               subsequent_indent="      ", break_long_words=False,
                                               break_on_hyphens=False)) + "\n")
        ev = r["evidence"]
        ev = ev[:400] + ("…" if len(ev) > 400 else "")
        out.write("\n".join(textwrap.wrap(f"«{ev}»", width=max(40, width), initial_indent="    ",
                                           subsequent_indent="    ", break_long_words=False,
                                           break_on_hyphens=False)) + "\n\n")
    out.write(f"{total} claim(s){more}\n")


def check_output(path: str | None) -> None:
    """An output file whose folder does not exist is an error named as the user wrote it."""
    if path and path != "-":
        folder = os.path.dirname(os.path.abspath(os.path.expanduser(path)))
        if not os.path.isdir(folder):
            raise _cli_error(f"cannot write {path}: no folder {folder}")


def cmd_export(args: argparse.Namespace) -> int:
    from shahid.export import export

    flt = _filter(args)
    check_output(args.output)
    store = _open(args, must_exist=True)
    try:
        n = export(store, args.format, args.output, flt, bom=not args.no_bom)
    except ValueError as e:
        raise _cli_error(str(e)) from None
    finally:
        store.close()
    if args.output and args.output != "-":
        unit = {"geojson": "feature(s)", "jsonl": "document(s)"}.get(args.format, "claim(s)")
        print(f"export: {n} {unit} → {args.output}", file=sys.stderr)
    return 0


def register(subparsers: Any) -> None:
    """Add ``ingest``, ``reextract``, ``claims`` and ``export`` to the ``shahid`` command."""
    from shahid.read import DEFAULT_MAX_DOCUMENT_MB, FORMATS

    p = subparsers.add_parser(
        "ingest",
        help="read, extract and store documents (idempotent, crash-safe)",
        description="Read documents from files and folders, extract their claims and store both. "
        "A document already stored (same text) is skipped; an interrupted run can simply be "
        "run again. Unreadable inputs are reported on stderr and the run goes on.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="auto",
        help="input format (default: by extension, else by content)",
    )
    p.add_argument(
        "--map",
        action="append",
        metavar="FIELD=COLUMN,…",
        help="JSONL/CSV field mapping, e.g. title=title,text=text,published=timestamp,outlet=source",
    )
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of documents whose input gives none")
    p.add_argument(
        "--max-doc-mb",
        type=float,
        default=DEFAULT_MAX_DOCUMENT_MB,
        metavar="MB",
        help=f"refuse single documents larger than this (default {DEFAULT_MAX_DOCUMENT_MB:g})",
    )
    _add_run_options(p)
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser(
        "reextract",
        help="re-run extraction over stored documents",
        description="Re-extract the stored documents whose claims come from another engine version "
        "(all of them with --all) and replace their claims; resumable.",
    )
    p.add_argument("--all", action="store_true", help="redo every document, not only out-of-date ones")
    _add_run_options(p)
    p.set_defaults(func=cmd_reextract)

    p = subparsers.add_parser("claims", help="list stored claims", description="List stored claims.")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    _add_filters(p)
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default), json (one claim a line, with its document), csv",
    )
    p.add_argument("--limit", type=int, metavar="N", help="at most N claims (table default 50; 0 = all)")
    p.set_defaults(func=cmd_claims)

    p = subparsers.add_parser(
        "export",
        help="export stored claims (ACLED CSV, GeoJSON, Parquet, JSONL)",
        description="Export stored claims.",
    )
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--format", required=True, choices=("acled-csv", "geojson", "parquet", "jsonl"))
    p.add_argument("--output", "-o", metavar="FILE", help="output file (default stdout; required for parquet)")
    p.add_argument("--no-bom", action="store_true",
                   help="CSV without the UTF-8 byte-order mark (by default it has one, so that "
                        "spreadsheets show Arabic)")
    _add_filters(p)
    p.set_defaults(func=cmd_export)

"""The ``shahid`` command: a thin shell over the library API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

from shahid import __version__


class CliError(Exception):
    """An error the user can act on; printed without a traceback, exit status 2."""


def _table(report: dict[str, Any], width: int = 80) -> str:
    """A report for people: one block per claim, codes whole, quotes and evidence wrapped to ``width``."""
    import textwrap

    from shahid.export import figure

    doc = report["doc"]
    lines = [f"# {doc.get('title') or '(untitled)'}  [{doc.get('published') or 'date unknown'}]"
             f"  {len(report['claims'])} claim(s)"]
    for w in report.get("warnings") or ():
        lines.append(f"! {w}")
    indent = " " * 17

    def row(label: str, value: str | None) -> None:
        if value:
            lines.extend(textwrap.wrap(value, width=max(40, width), initial_indent=f"    {label:<13}",
                                       subsequent_indent=indent, break_long_words=False, break_on_hyphens=False))

    for c in report["claims"]:
        lines.append("")
        lines.append(f"{c['id']}  {c['event']}" + (f" ({c['method']})" if c.get("method") else "")
                     + f"  [{c['certainty']}]")
        row("perpetrators", ", ".join(f"{a['actor']} «{a['text']}»" for a in c["perpetrators"]))
        row("victims", ", ".join(f"{g['group']} «{g['text']}»" for g in c["victims"]))
        for n in c["counts"]:
            row("count", f"{n['kind']}{'/' + n['group'] if n.get('group') else ''} {figure(n)} «{n['text']}»")
        loc = c.get("location")
        if loc:
            row("place", f"{loc['name']} ({loc['precision']}, {loc.get('admin1') or '-'}, "
                         f"{loc.get('place_id') or 'no id'}) «{loc['text']}»")
        dt = c.get("date")
        if dt:
            row("date", f"{dt['value'] or 'unresolved'} ({dt['precision']}) «{dt['text']}»")
        src = c.get("source")
        row("source", f"{src['name']} ({src['type']}) «{src['text']}»" if src else "(outlet's own voice)")
        ev = c["evidence"]["text"]
        row("evidence", ev[:400] + ("…" if len(ev) > 400 else ""))
    return "\n".join(lines)


def _width() -> int:
    """Columns to lay text out in: the terminal's, else $COLUMNS, else 80 (a pipe, a file)."""
    import os
    import shutil

    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    try:
        return int(os.environ.get("COLUMNS", "80"))
    except ValueError:
        return 80


def cmd_extract(args: argparse.Namespace) -> int:
    from shahid.extract import ExtractionError, _parse_published, extract
    from shahid.read import ReadProblem, headline_title, read_report

    try:
        _parse_published(args.published)
    except ExtractionError as e:
        raise CliError(str(e)) from None
    inputs = args.files or ["-"]
    fmt = args.format or ("jsonl" if len(inputs) > 1 else "json")
    out = sys.stdout
    failed: list[str] = []
    for name in inputs:
        doc = read_report(name)
        if isinstance(doc, ReadProblem):
            print(f"shahid: {doc}", file=sys.stderr)
            failed.append(doc.origin)
            continue
        try:
            report = extract(doc.text, args.published or doc.published, title=headline_title(doc.text, doc.title),
                             outlet=args.outlet or doc.outlet, url=doc.url, model=not args.no_model,
                             lang=args.lang).to_dict()
        except Exception as e:  # one input's failure is reported and the others are still read
            print(f"shahid: {doc.origin}: extraction failed: {type(e).__name__}: {e}", file=sys.stderr)
            failed.append(doc.origin)
            continue
        for w in report.get("warnings") or ():
            print(f"shahid: {doc.origin}: {w}", file=sys.stderr)
        if fmt == "json":
            out.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "jsonl":
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            out.write(_table(report, _width()) + "\n\n")
        out.flush()
    if failed:
        if len(inputs) > 1:
            print(f"extract: {len(inputs) - len(failed)} of {len(inputs)} input(s) extracted; "
                  f"{len(failed)} could not be: {', '.join(failed)}", file=sys.stderr)
        return 2
    return 0


def _register_optional(sub: Any) -> None:
    """Subcommands that live with their own layer (ledger, gazetteer, linking)."""
    import importlib

    for module in ("shahid.commands.ledger", "shahid.commands.geo", "shahid.commands.link", "shahid.commands.serve",
                   "shahid.commands.review"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:
                continue
            raise
        register: Callable[[Any], None] = mod.register
        register(sub)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="shahid",
        description="Source-attributed claims from Arabic and English conflict reporting.",
    )
    p.add_argument("--version", action="version", version=f"shahid {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser(
        "extract",
        help="print every claim in one or more reports",
        description="Extract claims from text files (UTF-8, UTF-16 or Windows-1256, read as ingest reads "
                    "them; first line = title unless the file has no body; '-' reads stdin). One input "
                    "prints a JSON document; several print JSON Lines in input order.",
    )
    ex.add_argument("files", nargs="*", metavar="FILE", help="text file(s); '-' or nothing reads stdin")
    ex.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, resolves relative dates")
    ex.add_argument("--outlet", help="the outlet that published the report(s)")
    ex.add_argument("--format", choices=("json", "jsonl", "table"),
                    help="json (default for one input), jsonl (default for several), table")
    ex.add_argument("--no-model", action="store_true",
                    help="the rules alone: keep every proposed claim (no learned eventivity judge)")
    ex.add_argument("--lang", metavar="CODE",
                    help="the reports' language (a pack under shahid/lang: ar, en); detected per report "
                         "when not given")
    ex.set_defaults(func=cmd_extract)
    _register_optional(sub)
    return p


def _sigterm_is_ctrl_c() -> Any:
    """SIGTERM (``kill``, a service manager, a container stop) stops a command the way Ctrl-C does:
    finished work is kept, the workers are stopped, a one-line message says where it stopped.
    Neither cuts a database write in half (:mod:`shahid.store.shield`). Returns the previous
    (SIGTERM, SIGINT) handlers, None when they could not be set."""
    import signal

    def raise_interrupt(signum: int, _frame: Any) -> None:
        shield = sys.modules.get("shahid.store.shield")
        if shield is not None and shield.defer():  # mid-commit: raised when the write ends
            return
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, raise_interrupt), signal.signal(signal.SIGINT, raise_interrupt)
    except (ValueError, OSError):  # not the main thread (an embedding program): leave it alone
        return None
    return previous


def _expected_error(e: BaseException) -> str | None:
    """A one-line message for an error an ordinary run can meet (a file, the database), else None."""
    if isinstance(e, OSError):
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        return f"{where}{e.strerror or e}"
    try:
        import sqlalchemy.exc as sa_exc
    except ImportError:  # pragma: no cover - sqlalchemy is a dependency
        return None
    if isinstance(e, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.DatabaseError):
        orig = getattr(e, "orig", None) or e
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        return f"database error: {first}"
    return None


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    previous = _sigterm_is_ctrl_c()
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        print(f"shahid: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("shahid: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, and keep Python from complaining at exit
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as e:
        msg = _expected_error(e)
        if msg is None:
            raise
        print(f"shahid: {msg}", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous[0])
            signal.signal(signal.SIGINT, previous[1])


if __name__ == "__main__":
    sys.exit(main())

"""The ``shahid`` command: a thin shell over the library API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from shahid import __version__


class CliError(Exception):
    """An error the user can act on; printed without a traceback, exit status 2."""


def _read_input(name: str) -> tuple[str, str]:
    """(display name, text) of a file path or '-' for stdin; UTF-8 (BOM tolerated)."""
    if name == "-":
        data = sys.stdin.buffer.read()
        label = "<stdin>"
    else:
        path = Path(name)
        if not path.exists():
            raise CliError(f"{name}: no such file")
        if path.is_dir():
            raise CliError(f"{name}: is a directory (use 'shahid ingest' for folders)")
        data = path.read_bytes()
        label = name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CliError(
            f"{label}: not UTF-8 (byte {e.start}: {data[e.start:e.start + 1]!r}); "
            "convert it, or use 'shahid ingest', which detects encodings such as Windows-1256"
        ) from e
    return label, text


def _table(report: dict[str, Any]) -> str:
    doc = report["doc"]
    lines = [f"# {doc.get('title') or '(untitled)'}  [{doc.get('published') or 'date unknown'}]"
             f"  {len(report['claims'])} claim(s)"]
    for c in report["claims"]:
        lines.append("")
        lines.append(f"{c['id']}  {c['event']}" + (f" ({c['method']})" if c.get("method") else "")
                     + f"  [{c['certainty']}]")

        def row(label: str, value: str | None) -> None:
            if value:
                lines.append(f"    {label:<13}{value}")

        row("perpetrators", ", ".join(f"{a['actor']} «{a['text']}»" for a in c["perpetrators"]))
        row("victims", ", ".join(f"{g['group']} «{g['text']}»" for g in c["victims"]))
        for n in c["counts"]:
            bounds = ""
            if n.get("low") is not None or n.get("high") is not None:
                bounds = f" [{n.get('low') if n.get('low') is not None else ''}..{n.get('high') or ''}]"
            row("count", f"{n['kind']}{'/' + n['group'] if n.get('group') else ''} = "
                         f"{n['value'] if n['value'] is not None else '?'}{bounds} {n['qualifier']} «{n['text']}»")
        loc = c.get("location")
        if loc:
            row("place", f"{loc['name']} ({loc['precision']}, {loc.get('admin1') or '-'}, "
                         f"{loc.get('place_id') or 'no id'}) «{loc['text']}»")
        dt = c.get("date")
        if dt:
            row("date", f"{dt['value'] or 'unresolved'} ({dt['precision']}) «{dt['text']}»")
        src = c.get("source")
        row("source", f"{src['name']} ({src['type']}) «{src['text']}»" if src else "(outlet's own voice)")
        row("evidence", c["evidence"]["text"][:200] + ("…" if len(c["evidence"]["text"]) > 200 else ""))
    return "\n".join(lines)


def cmd_extract(args: argparse.Namespace) -> int:
    from shahid.extract import ExtractionError, extract

    inputs = args.files or ["-"]
    fmt = args.format or ("jsonl" if len(inputs) > 1 else "json")
    out = sys.stdout
    for name in inputs:
        label, text = _read_input(name)
        if not text.strip():
            raise CliError(f"{label}: empty input, nothing to extract")
        try:
            report = extract(text, args.published, outlet=args.outlet, model=not args.no_model).to_dict()
        except ExtractionError as e:
            raise CliError(str(e)) from e
        if fmt == "json":
            out.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "jsonl":
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            out.write(_table(report) + "\n\n")
    return 0


def _register_optional(sub: Any) -> None:
    """Subcommands that live with their own layer (ledger, gazetteer, linking)."""
    import importlib

    for module in ("shahid.commands.ledger", "shahid.commands.geo", "shahid.commands.link"):
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
        description="Source-attributed claims from Arabic conflict reporting.",
    )
    p.add_argument("--version", action="version", version=f"shahid {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser(
        "extract",
        help="print every claim in one or more reports",
        description="Extract claims from UTF-8 text files (first line = title; '-' reads stdin). "
                    "One input prints a JSON document; several print JSON Lines in input order.",
    )
    ex.add_argument("files", nargs="*", metavar="FILE", help="text file(s); '-' or nothing reads stdin")
    ex.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, resolves relative dates")
    ex.add_argument("--outlet", help="the outlet that published the report(s)")
    ex.add_argument("--format", choices=("json", "jsonl", "table"),
                    help="json (default for one input), jsonl (default for several), table")
    ex.add_argument("--no-model", action="store_true",
                    help="the rules alone: keep every proposed claim (no learned eventivity judge)")
    ex.set_defaults(func=cmd_extract)
    _register_optional(sub)
    return p


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        print(f"shahid: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

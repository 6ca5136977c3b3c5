"""Robust at the edges: one reading of a document, budgets, clean stops, clear messages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from shahid.cli import main
from shahid.ingest import ingest
from shahid.store import iter_claims, open_store

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
EXAMPLE = ROOT / "examples" / "report-ar.txt"


def _extract_cli(path: Path, capsys: pytest.CaptureFixture[str], published: str) -> list[dict[str, Any]]:
    assert main(["extract", str(path), "--published", published]) == 0
    return json.loads(capsys.readouterr().out)["claims"]


def _ingest_claims(path: Path, db: Path, published: str) -> list[dict[str, Any]]:
    s = ingest([path], str(db), published=published)
    assert (s.new, s.failed) == (1, 0), s.problems
    with open_store(str(db)) as store:
        return [r.claim for r in iter_claims(store)]


@pytest.mark.parametrize(
    "name, data",
    [
        ("one-line.txt", "قتل 5 مدنيين في قصف على حلب"),
        ("title-only.txt", "قتل 5 مدنيين في قصف على حلب\n\n  \n"),
        ("headline-and-body.txt", "قصف على حلب\n\nقتل 5 مدنيين في قصف لقوات النظام على حلب اليوم.\n"),
        ("example", None),
    ],
)
def test_extract_and_ingest_give_the_same_claims(
    name: str, data: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = EXAMPLE if data is None else tmp_path / name
    if data is not None:
        path.write_text(data, encoding="utf-8")
    via_extract = _extract_cli(path, capsys, "2013-02-11")
    via_ingest = _ingest_claims(path, tmp_path / "l.db", "2013-02-11")
    assert via_extract, "the case must have claims for the comparison to mean something"
    assert via_ingest == via_extract


# -- budgets ---------------------------------------------------------------------------------------


def stuck_on_marked_extract(text: str, published: str | None = None, **kw: Any) -> Any:
    """``fake_extract``, except that a document saying «عالق» never finishes (a busy loop)."""
    from test_store_samples import fake_extract

    if "عالق" in text:
        while True:
            pass
    return fake_extract(text, published, **kw)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_the_time_budget_is_failed_and_the_run_goes_on(jobs: int, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    texts = [f"خبر رقم {i}: قصفت الطائرات بلدة كفرنبل في ريف إدلب صباح اليوم." for i in range(6)]
    texts[2] = "خبر عالق: " + texts[2]
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    t0 = time.monotonic()
    s = ingest([src], str(tmp_path / "l.db"), jobs=jobs, batch_size=3, extractor=stuck_on_marked_extract,
               max_doc_seconds=0.5)
    assert time.monotonic() - t0 < 20
    assert (s.new, s.failed) == (5, 1)
    [problem] = s.problems
    assert problem.origin.endswith("in.jsonl:3") and "over the time budget" in problem.reason
    assert "--max-doc-seconds" in problem.reason
    # the failed document is not stored: a re-run with a larger budget would try it again
    with open_store(str(tmp_path / "l.db")) as store:
        assert store.stats()["documents"] == 5


def test_a_20_mb_text_is_refused_by_the_size_budget_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب وقتل خمسة مدنيين بينهم طفلان. "
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(20 * 1024 * 1024 // len(line.encode()) + 1):
            fh.write(line)
    assert big.stat().st_size > 20 * 1024 * 1024
    t0 = time.monotonic()
    s = ingest([big], str(tmp_path / "l.db"))
    assert time.monotonic() - t0 < 60
    assert (s.read, s.failed) == (0, 1) and "over the 16 MB limit" in s.problems[0].reason


# -- clean stops -----------------------------------------------------------------------------------

_CLI_WITH_SLOW_ENGINE = (
    "import sys; sys.path.insert(0, {tests!r})\n"
    "import shahid.ingest as m\n"
    "from test_store_samples import slow_fake_extract\n"
    "m._default_extractor = lambda: slow_fake_extract\n"
    "from shahid.cli import main\n"
    "sys.exit(main({argv!r}))\n"
)


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def _start_ingest(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    from test_ingest import write_jsonl

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 3000)
    argv = ["ingest", str(src), "--db", str(tmp_path / "l.db"), "--jobs", "2", "--batch-size", "20"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", _CLI_WITH_SLOW_ENGINE.format(tests=str(TESTS), argv=argv)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.1)
        workers = [c for c in _children(proc.pid) if _alive(c)]
    time.sleep(1.0)  # mid-run
    assert proc.poll() is None, "ingest ended before it could be stopped"
    return proc, workers


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in pids if _alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@linux_only
def test_kill_9_of_ingest_leaves_no_orphan_workers(tmp_path: Path) -> None:
    proc, workers = _start_ingest(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        left = _gone_within(workers, 5.0)
    finally:
        for p in [proc.pid, *workers]:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if proc.stderr:
            proc.stderr.close()
    assert not left, f"workers {left} outlived their parent"


@linux_only
def test_sigterm_stops_ingest_like_ctrl_c(tmp_path: Path) -> None:
    proc, workers = _start_ingest(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=90)
        left = _gone_within(workers, 5.0)
    finally:
        if proc.poll() is None:
            proc.kill()
    text = err.decode()
    assert proc.returncode == 130, text
    assert "interrupted after" in text and "run it again to complete" in text
    assert "Traceback" not in text
    assert not left


# -- concurrent link -------------------------------------------------------------------------------


def _link_tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    import sqlalchemy as sa

    from shahid.link.schema import link_claims, link_copy_pairs, link_documents, link_incidents

    out = {}
    with open_store(url) as s, s.read() as conn:
        for t in (link_documents, link_copy_pairs, link_incidents, link_claims):
            cols = [c for c in t.columns if c.name not in ("id", "linked_at", "updated_at", "incident_id")]
            out[t.name] = sorted(tuple(map(str, r)) for r in conn.execute(sa.select(*cols)))
    return out


def _link_proc(url: str, stderr: Any = subprocess.PIPE) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "shahid", "link", "--db", url, "--batch-size", "40"],
                            stdout=subprocess.PIPE, stderr=stderr, env=env)


def test_concurrent_links_serialise_on_the_ledger_lock(db_url: str, tmp_path: Path) -> None:
    from test_ingest import write_jsonl
    from test_store_samples import fake_extract

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 200)
    ingest([src], db_url, extractor=fake_extract)
    # while another holder has the lock, `shahid link` says it waits, and does wait
    log = tmp_path / "waiting.err"
    with open_store(db_url) as store, store.exclusive("link"), log.open("wb") as fh:
        waiting = _link_proc(db_url, stderr=fh)
        deadline = time.monotonic() + 90
        while "waiting for it to finish" not in log.read_text(encoding="utf-8"):
            assert waiting.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "link neither waited nor ran"
            time.sleep(0.1)
        time.sleep(1.0)
        assert waiting.poll() is None, "link did not wait for the lock"
    waiting.communicate(timeout=120)
    err = log.read_bytes()
    assert waiting.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    single = _link_tables(db_url)
    # two at once: both succeed, and the ledger is the one a single run gives
    with open_store(db_url) as store, store.write() as conn:
        from shahid.link.schema import LINK_TABLES

        for t in LINK_TABLES:
            conn.execute(t.delete())
    a, b = _link_proc(db_url), _link_proc(db_url)
    for p in (a, b):
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0 and "Traceback" not in err.decode(), err.decode()
    assert _link_tables(db_url) == single


# -- every bad input a clear message ---------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["claims"],
        ["export", "--format", "jsonl"],
        ["reextract"],
        ["link"],
        ["incidents"],
        ["incident", "X1"],
        ["export-incidents", "--format", "json"],
    ],
)
def test_a_missing_ledger_is_an_error_for_every_command_that_reads_one(argv: list[str], tmp_path: Path) -> None:
    db = tmp_path / "mistyped.db"
    code, _, err = _run(*argv, "--db", str(db))
    assert code == 2 and f"no ledger at {db}" in err
    assert not db.exists(), "a read command created a ledger"


@pytest.mark.parametrize(
    "argv, option, valid",
    [
        (["claims", "--event", "nosuchevent"], "--event", "airstrike"),
        (["export", "--format", "jsonl", "--event", "airstrike,nosuchevent"], "--event", "shelling"),
        (["claims", "--certainty", "sure"], "--certainty", "confirmed"),
        (["claims", "--source-type", "blog"], "--source-type", "monitor"),
        (["claims", "--victim", "cats"], "--victim", "children"),
        (["claims", "--actor", "martians/x"], "--actor", "sy_government"),
        (["incidents", "--event", "nosuchevent"], "--event", "airstrike"),
        (["incidents", "--grade", "gold"], "--grade", "corroborated"),
        (["export-incidents", "--format", "json", "--perpetrator", "nobody"], "--perpetrator", "isis"),
    ],
)
def test_an_unknown_code_in_a_filter_is_an_error_listing_the_valid_ones(
    argv: list[str], option: str, valid: str, tmp_path: Path
) -> None:
    from test_store_samples import fake_extract

    db = str(tmp_path / "l.db")
    (tmp_path / "a.txt").write_text("عنوان\nقصفت الطائرات بلدة كفرنبل في ريف إدلب صباح اليوم.", encoding="utf-8")
    ingest([tmp_path / "a.txt"], db, extractor=fake_extract)
    code, out, err = _run(*argv, "--db", db)
    assert code == 2 and f"unknown {option} code" in err and valid in err and out == ""


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_a_publication_date_at_the_end_of_the_calendar_is_reported_and_relative_dates_left_unresolved(
    published: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from shahid.extract import extract

    text = "عنوان\n\nقتل 5 مدنيين في قصف على حلب أمس.\n"
    report = extract(text, published).to_dict()
    [claim] = report["claims"]
    assert claim["date"]["text"] == "أمس" and claim["date"]["value"] is None
    assert "too near the end of the calendar" in report["warnings"][0]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--published", published]) == 0
    assert "too near the end of the calendar" in capsys.readouterr().err


# -- language honesty ------------------------------------------------------------------------------

ENGLISH = "Shelling on Aleppo\n\nFive civilians were killed today when government forces shelled Aleppo.\n"
FRENCH = "Bombardement sur Alep\n\nCinq civils ont été tués aujourd'hui par les bombardements.\n"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("عنوان\n\nقتل 5 مدنيين في قصف على حلب أمس.", "ar"),
        (ENGLISH, "en"),
        (FRENCH, "fr"),
        ("بمباران حلب\n\nپنج غیرنظامی امروز در بمباران هوایی در حلب کشته شدند.", "fa"),
        # the body decides, not a headline in another language
        ("Shelling on Aleppo\n\nقتل 5 مدنيين في قصف على حلب أمس.", "ar"),
        ("قصف على حلب\n\nFive civilians were killed today when government forces shelled Aleppo.", "en"),
    ],
)
def test_the_language_is_detected_and_one_without_a_pack_yields_a_warning(text: str, lang: str) -> None:
    from shahid.extract import extract

    report = extract(text).to_dict()
    assert report["doc"]["lang"] == lang
    if lang in ("ar", "en"):  # the languages with a pack
        assert report["claims"] and "warnings" not in report
    else:
        assert report["claims"] == [] and f"language {lang!r}: no language pack" in report["warnings"][0]


def test_ingest_stores_a_document_without_a_pack_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (src / "ar.txt").write_text("عنوان\n\nقتل 5 مدنيين في قصف على حلب أمس.", encoding="utf-8")
    db = str(tmp_path / "l.db")
    s = ingest([src], db)
    assert (s.new, s.failed, s.warnings) == (2, 0, 1) and "warnings 1" in s.line()
    [w] = [p for p in s.problems if p.kind == "warning"]
    assert w.origin.endswith("fr.txt") and "no language pack" in w.reason
    with open_store(db) as store, store.read() as conn:
        rows = dict(conn.exec_driver_sql("SELECT lang, n_claims FROM documents").all())
    assert rows["fr"] == 0 and rows["ar"] >= 1
    assert main(["ingest", str(src / "fr.txt"), "--db", str(tmp_path / "l2.db")]) == 0
    assert "warning: " in capsys.readouterr().err


# -- the first-use surface -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, shown",
    [
        ({"value": 12, "low": 12, "high": None, "qualifier": "exact"}, "12"),
        ({"value": 200, "low": None, "high": None, "qualifier": "approx"}, "~200"),
        ({"value": 90, "low": 91, "high": None, "qualifier": "at_least"}, "≥91"),
        ({"value": 30, "low": None, "high": 30, "qualifier": "at_most"}, "≤30"),
        ({"value": None, "low": 20, "high": 30, "qualifier": "range"}, "20–30"),
        ({"value": None, "low": 10, "high": None, "qualifier": "vague"}, "≥10"),
        ({"value": None, "low": None, "high": None, "qualifier": "vague"}, "?"),
    ],
)
def test_a_count_is_shown_with_its_qualifier(count: dict[str, Any], shown: str) -> None:
    from shahid.export import figure

    assert figure(count) == shown


def test_tables_in_a_pipe_fit_80_columns_wrap_the_evidence_and_keep_codes_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    report = tmp_path / "r.txt"
    extra = "\nوقتل عشرات المدنيين في قصف لقوات النظام على مدينة حلب.\n"
    report.write_text(EXAMPLE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert main(["extract", str(report), "--published", "2013-02-11", "--format", "table"]) == 0
    extract_out = capsys.readouterr().out
    assert "killed/civilians ≥10 «عشرات المدنيين»" in extract_out and "injured ≥31" in extract_out
    assert "bodies ~20" in extract_out
    db = str(tmp_path / "l.db")
    assert main(["ingest", str(report), "--db", db, "--published", "2013-02-11", "-q"]) == 0
    capsys.readouterr()
    assert main(["claims", "--db", db]) == 0
    claims_out = capsys.readouterr().out
    assert "killed ≥10" in claims_out and "killed 14" in claims_out
    with open_store(db) as store:
        recs = list(iter_claims(store))
    for out in (extract_out, claims_out):
        lines = out.splitlines()
        assert max(len(line) for line in lines if " " in line.strip()) <= 80
        # every code stands whole on one line
        for rec in recs:
            for code in [rec.claim["event"], rec.claim["certainty"], *(a["actor"] for a in rec.claim["perpetrators"])]:
                assert any(code in line for line in lines), code
        # the evidence is all there, wrapped over lines
        joined = " ".join(line.strip() for line in lines)
        assert "بحسب ما أفاد المرصد السوري لحقوق الإنسان." in joined


def test_the_readme_test_command_prints_the_summary_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import re

    [cmd] = re.findall(r"pip install -e '\.\[test,postgres\]' && (python3 -m pytest[^\n`]*)", readme)
    assert " -q" not in cmd, "pyproject's addopts has -q already: -qq drops pytest's summary line"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pytest" in ci and " -q" not in ci.split("python3 -m pytest", 1)[1].splitlines()[0]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(TESTS / "test_segment.py")],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                          timeout=120)
    assert re.search(r"^\d+ passed", proc.stdout.splitlines()[-1]), proc.stdout[-500:]


def stuck_in_c_on_marked_extract(text: str, published: str | None = None, **kw: Any) -> Any:
    """As if a C extension held on: the deadline's signal is ignored, so only replacing the worker
    can stop it."""
    from test_store_samples import fake_extract

    if "عالق" in text:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        while True:
            time.sleep(0.05)
    return fake_extract(text, published, **kw)


@linux_only
def test_a_worker_that_cannot_be_interrupted_is_replaced(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    texts = [f"خبر رقم {i}: قصفت الطائرات بلدة كفرنبل في ريف إدلب صباح اليوم." for i in range(40)]
    texts[5] = "خبر عالق: " + texts[5]
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    t0 = time.monotonic()
    s = ingest([src], str(tmp_path / "l.db"), jobs=2, batch_size=20, extractor=stuck_in_c_on_marked_extract,
               max_doc_seconds=0.2)
    assert time.monotonic() - t0 < 60
    # the stuck document and the others of its chunk fail with the reason; every other one is stored
    assert s.new + s.failed == 40 and 1 <= s.failed <= 10 and s.new >= 30
    assert all("was replaced" in p.reason for p in s.problems)
    assert any(p.origin.endswith("in.jsonl:6") for p in s.problems)


@pytest.mark.postgres
def test_an_empty_postgresql_database_is_no_ledger_for_a_read_command(pg_url: str) -> None:
    import sqlalchemy as sa

    from shahid.store import resolve_url

    for argv in (["claims"], ["incidents"], ["link"]):
        code, _, err = _run(*argv, "--db", pg_url)
        assert code == 2 and "no ledger in" in err, err
    engine = sa.create_engine(resolve_url(pg_url))
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("documents"), "a read command created the tables"
    engine.dispose()


def test_ingesting_the_folder_that_holds_the_ledger_leaves_the_ledger_files_alone(tmp_path: Path) -> None:
    from test_store_samples import fake_extract

    (tmp_path / "a.txt").write_text("عنوان\nقصفت الطائرات بلدة كفرنبل في ريف إدلب صباح اليوم.", encoding="utf-8")
    db = str(tmp_path / "l.db")
    ingest([tmp_path], db, extractor=fake_extract)
    from shahid.link.store import link_store

    with open_store(db) as store:  # open: SQLite's -wal and -shm files are there
        link_store(store)  # leaves l.db.link.lock beside the ledger
        assert (tmp_path / "l.db.link.lock").exists() and (tmp_path / "l.db-wal").exists()
        s = ingest([tmp_path], db, extractor=fake_extract)
    assert (s.read, s.duplicate, s.failed, s.skipped) == (1, 1, 0, 0), s.problems

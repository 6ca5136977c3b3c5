"""Ingest: idempotency, parallel extraction, failures reported, kill -9 then re-run, re-extraction, CLI."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shahid.ingest import Summary, ingest, reextract
from shahid.store import iter_claims, open_store
from shahid.store.schema import metadata
from test_store_samples import ARTICLES, FAKE_ENGINE, expected_claims, failing_extract, fake_extract

TESTS = Path(__file__).resolve().parent
VOLATILE = {"ingested_at", "extracted_at"}


def dump(url: str) -> dict[str, list[tuple]]:
    """Every table but ``runs``, in primary-key order, without the timestamps."""
    out: dict[str, list[tuple]] = {}
    with open_store(url) as s, s.read() as conn:
        for t in metadata.sorted_tables:
            if t.name == "runs":
                continue
            cols = [c for c in t.columns if c.name not in VOLATILE]
            out[t.name] = [tuple(r) for r in conn.execute(sa.select(*cols).order_by(*t.primary_key.columns))]
    return out


def check_consistent(url: str) -> int:
    """Every stored document has exactly its claims (never half); returns the number of documents."""
    with open_store(url) as s, s.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT d.id, d.text, d.n_claims, (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) FROM documents d"
        ).all()
        n_ids = conn.exec_driver_sql("SELECT count(DISTINCT id) FROM documents").scalar()
    assert n_ids == len(rows)
    for _, text, n_claims, n in rows:
        assert n_claims == n == expected_claims(text)
    return len(rows)


def write_jsonl(path: Path, n: int) -> list[str]:
    texts = [f"{ARTICLES[i % len(ARTICLES)]}\nالتقرير رقم {i} من المراسل." for i in range(n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(
                json.dumps(
                    {
                        "title": f"خبر {i}",
                        "text": t,
                        "timestamp": f"2013-02-{1 + i % 28:02d} 10:00:00",
                        "source": f"outlet{i % 3}",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return texts


def test_ingest_a_folder_summary_and_idempotency(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i, t in enumerate(ARTICLES):
        (src / f"{i}.txt").write_text(t, encoding="utf-8")
    (src / "copy.txt").write_text(ARTICLES[0], encoding="utf-8")  # same text: one document
    (src / "edited.txt").write_text(ARTICLES[0] + "\nتحديث.", encoding="utf-8")  # edited: a new one
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.txt").write_bytes(bytes(range(256)) * 8)
    s = ingest([src], db_url, published="2013-02-01", extractor=fake_extract, batch_size=2)
    assert (s.read, s.new, s.duplicate, s.failed, s.skipped) == (6, 5, 1, 1, 1)
    assert s.claims == sum(expected_claims(t) for t in [*ARTICLES, ARTICLES[0] + "\nتحديث."])
    assert {(p.origin.rsplit("/", 1)[-1], p.kind) for p in s.problems} == {
        ("empty.txt", "skipped"),
        ("junk.txt", "failed"),
    }
    before = dump(db_url)
    again = ingest([src], db_url, extractor=fake_extract)
    assert (again.read, again.new, again.duplicate, again.claims) == (6, 0, 6, 0)
    assert dump(db_url) == before
    recs = list(iter_claims(open_store(db_url)))
    assert {r.doc["published"] for r in recs} == {"2013-02-01"} and {r.engine for r in recs} == {FAKE_ENGINE}


def test_extraction_failure_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (src / "b.txt").write_text("انفجار في دمشق\nانفجار سيارة مفخخة في حي من أحياء العاصمة.", encoding="utf-8")
    (src / "c.txt").write_text(ARTICLES[1], encoding="utf-8")
    db = tmp_path / "l.db"
    s = ingest([src], db, extractor=failing_extract)
    assert (s.new, s.failed) == (2, 1)
    [p] = s.problems
    assert p.origin.endswith("b.txt") and "extraction failed: RuntimeError: the engine choked" in p.reason
    # a re-run retries only the failed document
    assert ingest([src], db, extractor=fake_extract).new == 1


def test_jobs_2_gives_the_same_database_as_jobs_1(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 120)
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    s1 = ingest([src], one, extractor=fake_extract, batch_size=16)
    s2 = ingest([src], two, extractor=fake_extract, batch_size=16, jobs=2)
    assert s1.counts() == s2.counts() and s1.new == 120
    assert dump(one) == dump(two)


@pytest.mark.shared
def test_ingesting_the_corpus_twice_gives_the_same_database(shared_dir: Path, tmp_path: Path) -> None:
    """The whole corpus (2,195 lines) with the test extractor: about a second per ingest."""
    corpus = shared_dir / "data" / "corpus" / "ar-news-2013.jsonl"
    n_lines = sum(1 for _ in corpus.open("rb"))
    db = str(tmp_path / "corpus.db")
    first = ingest(
        [corpus],
        db,
        mapping="title=title,text=text,published=timestamp,outlet=source",
        extractor=fake_extract,
    )
    assert first.read + first.skipped + first.failed == n_lines and first.failed == 0
    assert first.new + first.duplicate == first.read and first.new > 2000
    before = dump(db)
    second = ingest(
        [corpus],
        db,
        mapping="title=title,text=text,published=timestamp,outlet=source",
        extractor=fake_extract,
        jobs=2,
    )
    assert (second.new, second.duplicate, second.claims) == (0, first.read, 0)
    assert dump(db) == before
    assert check_consistent(db) == first.new


@pytest.mark.shared
def test_real_engine_on_a_corpus_slice_twice(shared_dir: Path, tmp_path: Path) -> None:
    """The real extractor (shahid.extract.extract) end to end on the first 40 articles."""
    from shahid.extract import ENGINE

    corpus = shared_dir / "data" / "corpus" / "ar-news-2013.jsonl"
    head = tmp_path / "head.jsonl"
    with corpus.open("rb") as fh:
        head.write_bytes(b"".join(next(fh) for _ in range(40)))
    db = str(tmp_path / "real.db")
    first = ingest([head], db)
    assert first.failed == 0, first.problems[:3]
    assert first.new + first.duplicate == first.read == 40 - first.skipped
    before = dump(db)
    second = ingest([head], db)
    assert (second.new, second.duplicate) == (0, first.read)
    assert dump(db) == before
    with open_store(db) as s:
        assert {d.engine for page in s.iter_documents() for d in page} == {ENGINE}
        assert sum(1 for _ in iter_claims(s)) == first.claims


def test_kill_9_mid_run_then_rerun_completes_with_nothing_missing_or_doubled(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    texts = write_jsonl(src, 300)
    script = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r})\n"
        "from test_store_samples import slow_fake_extract\n"
        "from shahid.ingest import ingest\n"
        f"ingest([{str(src)!r}], {db_url!r}, extractor=slow_fake_extract, batch_size=10)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    engine = None
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while stored < 40:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.02)
            try:
                if engine is None:
                    from shahid.store import resolve_url

                    engine = sa.create_engine(resolve_url(db_url))
                with engine.connect() as conn:
                    stored = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() or 0
            except sa.exc.DBAPIError:
                stored = 0  # not created yet
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        proc.stderr.close()
        if engine is not None:
            engine.dispose()
    assert proc.returncode == -signal.SIGKILL
    n_before = check_consistent(db_url)
    assert 40 <= n_before < 300, "the kill did not land mid-run"
    with open_store(db_url) as s, s.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM runs WHERE finished_at IS NULL").scalar() == 1

    s = ingest([src], db_url, extractor=fake_extract, batch_size=50)
    assert (s.new, s.duplicate, s.failed) == (300 - n_before, n_before, 0)
    assert check_consistent(db_url) == 300
    with open_store(db_url) as st:
        assert st.existing_ids([__import__("hashlib").sha256(t.encode()).hexdigest() for t in texts]) == {
            __import__("hashlib").sha256(t.encode()).hexdigest() for t in texts
        }


def fake_extract_v2(text: str, published: str | None = None, **kw: Any) -> Any:
    rep = fake_extract(text, published, **kw)
    rep.claims = rep.claims[:1]
    rep.engine = "fake-engine/2"
    return rep


def test_reextract_replaces_claims_and_resumes(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 30)
    ingest([src], db_url, extractor=fake_extract)
    s = reextract(db_url, extractor=fake_extract_v2, engine="fake-engine/2", batch_size=7)
    assert (s.read, s.new, s.claims) == (30, 30, 30)
    with open_store(db_url) as st:
        assert {r.engine for r in iter_claims(st)} == {"fake-engine/2"}
        assert sum(1 for _ in iter_claims(st)) == 30
    # nothing left to do: every document is at engine v2
    assert reextract(db_url, extractor=fake_extract_v2, engine="fake-engine/2").read == 0
    assert reextract(db_url, extractor=fake_extract_v2, engine="fake-engine/2", everything=True).read == 30


# -- CLI -----------------------------------------------------------------------------------------


def cli(*argv: str) -> int:
    from shahid.commands.ledger import register

    parser = argparse.ArgumentParser(prog="shahid")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_cli_ingest_claims_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shahid.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "_default_extractor", lambda: fake_extract)
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 12)
    db = str(tmp_path / "cli.db")
    assert (
        cli(
            "ingest",
            str(src),
            "--db",
            db,
            "--map",
            "title=title,text=text,published=timestamp,outlet=source",
            "--jobs",
            "1",
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "read 12 · new 12 · duplicate 0 · failed 0" in err and "claims" in err
    assert "\x1b[" not in err  # no progress bar when stderr is not a terminal

    assert cli("claims", "--db", db, "--format", "json", "--event", "shelling") == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines and {x["event"] for x in lines} == {"shelling"} and all(x["doc"]["outlet"] for x in lines)

    assert cli("claims", "--db", db, "--format", "csv", "--place", "Aleppo") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("doc_id,claim_id,event") and len(out) > 1

    assert cli("claims", "--db", db, "--limit", "2") == 0
    assert "(showing 2; --limit 0 for all)" in capsys.readouterr().out

    out_csv = tmp_path / "acled.csv"
    assert cli("export", "--db", db, "--format", "acled-csv", "-o", str(out_csv), "--since", "2013-02-10") == 0
    assert "claim(s) →" in capsys.readouterr().err
    assert out_csv.read_text(encoding="utf-8").startswith("\ufeffevent_id_cnty")  # the BOM, then the header
    assert not (tmp_path / "acled.csv.part").exists()

    from shahid.cli import CliError

    with pytest.raises(CliError, match="not a date"):
        cli("claims", "--db", db, "--since", "soon")
    with pytest.raises(CliError, match="parquet needs an output file"):
        cli("export", "--db", db, "--format", "parquet")
    with pytest.raises(CliError, match="bad mapping"):
        cli("ingest", str(src), "--db", db, "--map", "nonsense")


def test_cli_failed_input_sets_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shahid.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "_default_extractor", lambda: fake_extract)
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "ok.txt").write_text(ARTICLES[0], encoding="utf-8")
    assert cli("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--quiet") == 1
    err = capsys.readouterr().err
    assert f"shahid: failed {tmp_path / 'bad.txt'}: not text" in err and "read " not in err


def test_summary_line() -> None:
    s = Summary(read=10, new=7, duplicate=2, failed=1, skipped=0, claims=30, seconds=2.0)
    assert s.line() == "read 10 · new 7 · duplicate 2 · failed 1 · claims 30 · 2.0 s (5 documents/s)"


def test_the_shahid_command_has_the_ledger_subcommands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_mod = pytest.importorskip("shahid.cli")
    import shahid.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "_default_extractor", lambda: fake_extract)
    (tmp_path / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    db = str(tmp_path / "m.db")
    assert cli_mod.main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--published", "2013-02-01"]) == 0
    assert cli_mod.main(["export", "--db", db, "--format", "jsonl"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line) == fake_extract(ARTICLES[0], "2013-02-01", title="قصف على ريف حلب").to_dict()
    assert cli_mod.main(["claims", "--db", str(tmp_path / "none.db")]) == 2  # a clear error, no traceback
    assert "no ledger at" in capsys.readouterr().err


def test_dask_executor_gives_the_same_database(tmp_path: Path) -> None:
    """Extraction on a Dask cluster (here a local one, two worker processes) stores the same rows."""
    pytest.importorskip("dask.distributed", reason="the Dask executor needs shahid[dask]")
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 40)
    one, dsk = str(tmp_path / "one.db"), str(tmp_path / "dask.db")
    s1 = ingest([src], one, extractor=fake_extract, batch_size=16)
    s2 = ingest([src], dsk, extractor=fake_extract, batch_size=16, jobs=2, executor="dask")
    assert s1.counts() == s2.counts() and s2.new == 40
    assert dump(one) == dump(dsk)

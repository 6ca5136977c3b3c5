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
        _, err = proc.communicate(timeout=30)
        left = _gone_within(workers, 5.0)
    finally:
        if proc.poll() is None:
            proc.kill()
    text = err.decode()
    assert proc.returncode == 130, text
    assert "interrupted after" in text and "run it again to complete" in text
    assert "Traceback" not in text
    assert not left

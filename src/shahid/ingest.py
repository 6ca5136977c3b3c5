"""Ingest: read → extract (N processes) → store, idempotent and crash-safe; and re-extraction.

    >>> from shahid.ingest import ingest
    >>> summary = ingest(["corpus.jsonl"], "ledger.db", jobs=2)
    >>> summary.new, summary.duplicate, summary.claims

* Idempotent: a document is identified by the SHA-256 of its text; one already stored (or
  seen earlier in the run) is counted as a duplicate and not extracted again.
* Crash-safe: documents are stored in batches, each batch (documents with all their claims)
  in one transaction. A crash loses at most the batch in flight; re-running completes it.
* Parallel: extraction (a pure function) runs in ``jobs`` worker processes, or on a Dask
  cluster; reading, de-duplication and storing stay in this process, overlapping with it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import CancelledError, Executor, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from shahid.read import Document, Limits, ReadProblem, headline_title, read
from shahid.store import Store, open_store

P = TypeVar("P")
Extractor = Callable[..., Any]
# A unit of extraction work: (text, published, title, outlet, url, lang).
Task = tuple[str, str | None, str | None, str | None, str | None, str | None]
# Its result: (report dict or None, error message or None, seconds spent).
Result = tuple[dict[str, Any] | None, str | None, float]

DEFAULT_MAX_DOC_SECONDS = 60.0
_HARD_GRACE = 5.0  # seconds on top of twice the budget before a worker is taken for stuck


class OverBudget(BaseException):  # not an Exception: an extractor's `except Exception` cannot swallow it
    """Raised inside an extraction that has used up its time budget."""


def _default_extractor() -> Extractor:
    from shahid.extract import extract

    return extract


def engine_version() -> str:
    from shahid.extract import ENGINE

    return ENGINE


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in this (main) thread after ``seconds`` of wall time.

    Uses a real-time interval timer (SIGALRM), so it interrupts the pure-Python extraction
    wherever it is; where there is no such timer (not the main thread, not POSIX) it does nothing.
    """
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_tasks(
    tasks: list[Task], extractor: Extractor | None = None, max_seconds: float | None = None
) -> list[Result]:
    """Run extraction over tasks; exceptions become per-document errors, and so does a document
    that takes longer than ``max_seconds``. Picklable, pure."""
    fn = extractor or _default_extractor()
    out: list[Result] = []
    for text, published, title, outlet, url, lang in tasks:
        t0 = time.perf_counter()
        kw: dict[str, Any] = {"title": title, "outlet": outlet, "url": url}
        if lang:
            kw["lang"] = lang
        try:
            with _deadline(max_seconds):
                rep = fn(text, published, **kw)
            d = rep if isinstance(rep, dict) else rep.to_dict()
            out.append((d, None, time.perf_counter() - t0))
        except OverBudget:
            out.append((None, f"over the time budget: extraction of {len(text):,} characters took more than "
                              f"{max_seconds:g} s (raise it with --max-doc-seconds)", time.perf_counter() - t0))
        except Exception as e:
            out.append((None, f"extraction failed: {type(e).__name__}: {e}", time.perf_counter() - t0))
    return out


def _noop() -> int:
    return os.getpid()


_PR_SET_PDEATHSIG = 1


def _exit_with_parent(parent: int) -> None:
    """In a worker: die when the parent process dies, whatever killed it (even ``kill -9``).

    Linux: the kernel sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``). Everywhere:
    a watchdog thread that ends the process once it has been re-parented.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="shahid-parent-watchdog", daemon=True).start()


def _worker_init(parent: int) -> None:
    """A worker ignores Ctrl-C and takes SIGTERM plainly: its parent decides when it stops."""
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Runner:
    """Runs extraction over batches in order: inline (jobs=1), in a process pool, or on Dask.

    ``map_batches`` takes ``(payload, tasks)`` pairs and yields ``(payload, results)`` in the
    same order, keeping up to ``window`` batches in flight so that reading and storing in
    this process overlap with extraction in the workers.
    """

    def __init__(
        self,
        jobs: int = 1,
        *,
        executor: str = "process",
        dask_address: str | None = None,
        extractor: Extractor | None = None,
        max_seconds: float | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.extractor = extractor
        self.max_seconds = max_seconds
        self._pool: Executor | None = None
        self._client: Any = None
        if executor == "dask" or dask_address:
            try:
                from dask.distributed import Client, LocalCluster
            except ImportError:
                raise RuntimeError("the Dask executor needs dask: pip install 'shahid[dask]'") from None
            if dask_address:
                self._client = Client(dask_address)
            else:
                self._client = Client(LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True))
        elif executor != "process":
            raise ValueError(f"unknown executor {executor!r}: process or dask")
        elif self.jobs > 1:
            # Fork is cheapest (workers inherit the loaded language data); the workers are all
            # started now, before any other thread (the progress bar) exists.
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(),)
        )
        futures = [pool.submit(_noop) for _ in range(self.jobs * 2)]
        for f in futures:
            f.result()
        return pool

    def _stop_workers(self) -> None:
        if self._pool is None:
            return
        for proc in list((getattr(self._pool, "_processes", None) or {}).values()):
            if proc.is_alive():
                proc.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _hard_limit(self, n: int) -> float | None:
        """How long a chunk of ``n`` documents may take before its worker is taken for stuck: the
        in-worker deadline stops pure-Python extraction; this catches a worker that cannot be
        interrupted (a C extension that holds on)."""
        return None if not self.max_seconds else 2 * self.max_seconds * n + _HARD_GRACE

    def _results(self, fut: Any, tasks: list[Task]) -> list[Result]:
        if self._client is not None:
            return fut.result()
        limit = self._hard_limit(len(tasks))
        try:
            return fut.result(timeout=limit)
        except FuturesTimeout:
            # replace the pool: the stuck worker is killed; chunks in flight are run again below
            self._stop_workers()
            self._pool = self._new_pool()
            reason = (f"over the time budget: a worker was still extracting after {limit:g} s "
                      f"({len(tasks)} document(s) of {self.max_seconds:g} s each) and was replaced; "
                      "this document was in its batch (raise the budget with --max-doc-seconds)")
            return [(None, reason, float(limit or 0.0)) for _ in tasks]
        except (BrokenProcessPool, CancelledError):
            # a chunk that was in flight on a pool replaced above (or whose worker died): run it again
            if self._pool is None:
                raise
            if getattr(self._pool, "_broken", False):
                self._stop_workers()
                self._pool = self._new_pool()
            return self._results(self._pool.submit(extract_tasks, tasks, self.extractor, self.max_seconds), tasks)

    @property
    def parallel(self) -> bool:
        return self._pool is not None or self._client is not None

    def _submit(self, tasks: list[Task]) -> Any:
        if self._client is not None:
            return self._client.submit(extract_tasks, tasks, self.extractor, self.max_seconds, pure=False)
        assert self._pool is not None
        return self._pool.submit(extract_tasks, tasks, self.extractor, self.max_seconds)

    def map_batches(
        self, batches: Iterable[tuple[P, list[Task]]], window: int | None = None
    ) -> Iterator[tuple[P, list[Result]]]:
        if not self.parallel:
            for payload, tasks in batches:
                yield payload, extract_tasks(tasks, self.extractor, self.max_seconds) if tasks else []
            return
        workers = self.jobs if self._client is None else max(1, len(self._client.scheduler_info()["workers"]))
        window = window or max(2, workers * 2)
        inflight: deque[tuple[P, list[tuple[Any, list[Task]]]]] = deque()
        for payload, tasks in batches:
            size = max(8, -(-len(tasks) // workers))
            chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
            inflight.append((payload, [(self._submit(c), c) for c in chunks]))
            while len(inflight) >= window:
                p, futs = inflight.popleft()
                yield p, [r for f, c in futs for r in self._results(f, c)]
        while inflight:
            p, futs = inflight.popleft()
            yield p, [r for f, c in futs for r in self._results(f, c)]

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            if cancel:  # interrupted: stop the workers now rather than after their current batch
                self._stop_workers()
            else:
                self._pool.shutdown(wait=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.close(cancel=exc_type is not None)


@dataclass(slots=True)
class Summary:
    """What a run did. ``read`` counts documents read (duplicates included); ``failed`` counts
    inputs that could not be read or extracted; ``skipped`` empty inputs; ``warnings`` the
    documents stored with a warning (e.g. in a language without a pack: no claims)."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped: int = 0
    claims: int = 0
    warnings: int = 0
    flagged: int = 0  # reviewed claims re-extraction flagged for another look (shahid.review)
    seconds: float = 0.0
    read_seconds: float = 0.0
    extract_seconds: float = 0.0
    store_seconds: float = 0.0
    problems: list[ReadProblem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("read", "new", "duplicate", "failed", "skipped", "claims")}

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["problems"] = [{"origin": p.origin, "reason": p.reason, "kind": p.kind} for p in self.problems]
        return d

    def line(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        return (
            f"read {self.read} · new {self.new} · duplicate {self.duplicate} · failed {self.failed}"
            + (f" · skipped {self.skipped}" if self.skipped else "")
            + (f" · warnings {self.warnings}" if self.warnings else "")
            + (f" · flagged for review {self.flagged}" if self.flagged else "")
            + f" · claims {self.claims} · {self.seconds:.1f} s ({rate:.0f} documents/s)"
        )


class Progress:
    """Progress hooks; the CLI passes a rich progress bar, the library a silent one.
    ``last`` is the summary as of the last stored batch."""

    last: Summary | None = None

    def start(self) -> None: ...

    def update(self, summary: Summary) -> None:
        self.last = summary

    def problem(self, problem: ReadProblem) -> None: ...

    def stop(self) -> None: ...


_MAX_PROBLEMS_KEPT = 10000


def _batched_documents(
    items: Iterator[Document | ReadProblem], size: int, summary: Summary, progress: Progress
) -> Iterator[list[Document]]:
    batch: list[Document] = []
    t = time.perf_counter()
    for item in items:
        if isinstance(item, ReadProblem):
            if item.kind == "skipped":
                summary.skipped += 1
            else:
                summary.failed += 1
            if len(summary.problems) < _MAX_PROBLEMS_KEPT:
                summary.problems.append(item)
            progress.problem(item)
            continue
        summary.read += 1
        batch.append(item)
        if len(batch) >= size:
            summary.read_seconds += time.perf_counter() - t
            yield batch
            batch = []
            t = time.perf_counter()
    summary.read_seconds += time.perf_counter() - t
    if batch:
        yield batch


def _task(d: Document) -> Task:
    return (d.text, d.published, headline_title(d.text, d.title), d.outlet, d.url, d.lang)


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    db: Store | str | os.PathLike[str] | None = None,
    *,
    fmt: str = "auto",
    mapping: Mapping[str, str] | str | None = None,
    published: str | None = None,
    jobs: int = 1,
    batch_size: int = 200,
    executor: str = "process",
    dask_address: str | None = None,
    extractor: Extractor | None = None,
    limits: Limits | None = None,
    max_doc_seconds: float | None = DEFAULT_MAX_DOC_SECONDS,
    progress: Progress | None = None,
) -> Summary:
    """Read, extract and store the documents under ``paths``; returns the run's :class:`Summary`.

    Budgets: a document over ``limits.max_document_mb`` is refused when read; one whose extraction
    takes more than ``max_doc_seconds`` (None: no limit) is stopped there. Either is recorded as
    ``failed`` with the reason, and the worker goes on with the next document.
    """
    progress = progress or Progress()
    store = db if isinstance(db, Store) else open_store(db)
    summary = Summary()
    t_start = time.perf_counter()
    items = read([os.fspath(p) for p in paths], fmt, mapping=mapping, published=published, limits=limits)
    run_id = store.start_run(
        "ingest",
        {"paths": [os.fspath(p) for p in paths], "format": fmt, "jobs": jobs},
        _engine_label(extractor),
    )
    seen: set[str] = set()

    def new_only(batches: Iterator[list[Document]]) -> Iterator[tuple[list[Document], list[Task]]]:
        for batch in batches:
            t0 = time.perf_counter()
            fresh: list[Document] = []
            ids = [d.id for d in batch]
            existing = store.existing_ids([i for i in ids if i not in seen])
            for d, i in zip(batch, ids, strict=True):
                if i in seen or i in existing:
                    summary.duplicate += 1
                else:
                    seen.add(i)
                    fresh.append(d)
            summary.store_seconds += time.perf_counter() - t0
            yield fresh, [_task(d) for d in fresh]

    try:
        with Runner(jobs, executor=executor, dask_address=dask_address, extractor=extractor,
                    max_seconds=max_doc_seconds) as runner:
            progress.start()
            batches = _batched_documents(iter(items), batch_size, summary, progress)
            for docs, results in runner.map_batches(new_only(batches)):
                ok: list[tuple[Document, dict[str, Any]]] = []
                for d, (rep, err, secs) in zip(docs, results, strict=True):
                    summary.extract_seconds += secs
                    if rep is None:
                        _fail(summary, progress, ReadProblem(d.origin, err or "extraction failed"))
                        seen.discard(d.id)
                    else:
                        ok.append((d, rep))
                t0 = time.perf_counter()
                res = store.add_reports(ok)
                stored = set(res.new)
                for d, rep in ok:
                    if rep.get("warnings") and d.id in stored:
                        summary.warnings += 1
                        for w in rep["warnings"]:
                            _note(summary, progress, ReadProblem(d.origin, w, "warning"))
                summary.store_seconds += time.perf_counter() - t0
                summary.new += len(res.new)
                summary.duplicate += len(res.duplicate)
                summary.claims += res.claims
                for d, reason in res.failed:
                    _fail(summary, progress, ReadProblem(d.origin, f"cannot store the report: {reason}"))
                    seen.discard(d.id)
                summary.seconds = time.perf_counter() - t_start
                progress.update(summary)
    finally:
        _finish(store, db, run_id, summary, progress, t_start)
    return summary


def _finish(store: Store, db: object, run_id: Any, summary: Summary, progress: Progress, t_start: float) -> None:
    """End a run, whatever happened: record its counts, close a store this call opened."""
    summary.seconds = time.perf_counter() - t_start
    progress.stop()
    try:
        store.finish_run(run_id, summary.counts())
    finally:
        if not isinstance(db, Store):
            store.close()


def _note(summary: Summary, progress: Progress, problem: ReadProblem) -> None:
    if len(summary.problems) < _MAX_PROBLEMS_KEPT:
        summary.problems.append(problem)
    progress.problem(problem)


def _fail(summary: Summary, progress: Progress, problem: ReadProblem) -> None:
    summary.failed += 1
    if len(summary.problems) < _MAX_PROBLEMS_KEPT:
        summary.problems.append(problem)
    progress.problem(problem)


def _engine_label(extractor: Extractor | None) -> str:
    if extractor is None:
        return engine_version()
    return f"{getattr(extractor, '__module__', '?')}.{getattr(extractor, '__qualname__', '?')}"


def reextract(
    db: Store | str | os.PathLike[str] | None = None,
    *,
    everything: bool = False,
    jobs: int = 1,
    batch_size: int = 200,
    executor: str = "process",
    dask_address: str | None = None,
    extractor: Extractor | None = None,
    engine: str | None = None,
    max_doc_seconds: float | None = DEFAULT_MAX_DOC_SECONDS,
    progress: Progress | None = None,
) -> Summary:
    """Re-run extraction over stored documents and replace their claims, batch by batch.

    By default only documents whose claims come from another engine version than ``engine``
    (default: ``shahid.extract.ENGINE``) are redone, so an interrupted run resumes where it
    stopped; ``everything=True`` redoes all. In the summary, ``read`` counts the documents
    redone, ``new`` those updated, ``claims`` the claims they now have.
    """
    progress = progress or Progress()
    store = db if isinstance(db, Store) else open_store(db)
    target = engine if engine is not None else (engine_version() if extractor is None else None)
    summary = Summary()
    t_start = time.perf_counter()
    run_id = store.start_run("reextract", {"everything": everything, "jobs": jobs}, target)

    def pages() -> Iterator[tuple[list[Any], list[Task]]]:
        t = time.perf_counter()
        for page in store.iter_documents(not_engine=None if everything else target, batch=batch_size):
            summary.read += len(page)
            summary.read_seconds += time.perf_counter() - t
            yield page, [(d.text, d.published, headline_title(d.text, d.title), d.outlet, d.url, None) for d in page]
            t = time.perf_counter()

    try:
        with Runner(jobs, executor=executor, dask_address=dask_address, extractor=extractor,
                    max_seconds=max_doc_seconds) as runner:
            progress.start()
            for page, results in runner.map_batches(pages()):
                ok: list[tuple[str, dict[str, Any]]] = []
                for d, (rep, err, secs) in zip(page, results, strict=True):
                    summary.extract_seconds += secs
                    if rep is None:
                        _fail(summary, progress, ReadProblem(d.id, err or "extraction failed"))
                    else:
                        if target is not None and not rep.get("engine"):
                            rep["engine"] = target
                        ok.append((d.id, rep))
                t0 = time.perf_counter()
                res = store.replace_claims(ok)
                summary.store_seconds += time.perf_counter() - t0
                summary.new += len(res.new)
                summary.claims += res.claims
                summary.flagged += res.flagged
                for d, reason in res.failed:
                    _fail(summary, progress, ReadProblem(d.origin, f"cannot store the report: {reason}"))
                summary.seconds = time.perf_counter() - t_start
                progress.update(summary)
    finally:
        _finish(store, db, run_id, summary, progress, t_start)
    return summary

"""Every bad input gets one clear message and the rest is processed: a table of the files in
``tests/data/bad/`` (tiny, written by hand) and a 20 MB text made here, through ``shahid ingest``
and ``shahid extract``: the message, the exit status and what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from shahid.cli import main
from shahid.store import open_store

BAD = Path(__file__).resolve().parent / "data" / "bad"


def _big(tmp_path: Path) -> Path:
    """20 MB of plain Arabic text, over the 16 MB a single document may have."""
    big = tmp_path / "big-20mb.txt"
    line = "قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب وقتل خمسة مدنيين بينهم طفلان.\n".encode()
    with big.open("wb") as fh:
        fh.write(line * (20 * 1024 * 1024 // len(line) + 1))
    return big


# (file, ingest exit status, a piece of the message on stderr (None: no message), documents stored,
#  claims stored (None: any number > 0))
INGEST_CASES = [
    ("empty.txt", 0, "skipped", "empty file", 0, 0),
    ("binary.dat", 1, "failed", "not text: binary data or an unknown encoding", 0, 0),
    ("truncated-utf8.txt", 0, None, None, 1, None),
    ("utf16-bom.txt", 0, None, None, 1, None),
    ("utf16le-no-bom.txt", 0, None, None, 1, None),
    ("utf16be-no-bom.txt", 0, None, None, 1, None),
    ("cp1256.txt", 0, None, None, 1, None),
    ("blank-lines.jsonl", 0, None, None, 2, None),
    ("malformed.jsonl", 1, "failed", "malformed.jsonl:2: invalid JSON", 1, None),
    ("missing-column.csv", 1, "failed", "missing-column.csv:2: no field 'text' in this record", 0, 0),
    ("extra-columns.csv", 0, None, None, 1, None),
    ("deep.html", 0, None, None, 1, None),
    ("boilerplate.html", 0, "skipped", "no article text found in the page", 0, 0),
    ("big-20mb.txt", 1, "failed", "over the 16 MB limit for one document", 0, 0),
]


@pytest.mark.parametrize("name, status, word, message, documents, claims", INGEST_CASES,
                         ids=[c[0] for c in INGEST_CASES])
def test_ingest_outcome_of_each_bad_input(
    name: str, status: int, word: str | None, message: str | None, documents: int, claims: int | None,
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = _big(tmp_path) if name.startswith("big-") else BAD / name
    db = tmp_path / "l.db"
    assert main(["ingest", str(path), "--db", str(db), "--published", "2013-02-11"]) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if message is None:
        assert "shahid: failed" not in err and "shahid: skipped" not in err, err
    else:
        assert f"shahid: {word} " in err and message in err, err
        assert sum(1 for line in err.splitlines() if line.startswith("shahid: ")) == 1, "one message per bad input"
    with open_store(str(db)) as store:
        stats = store.stats()
    assert stats["documents"] == documents
    if claims is None:
        assert stats["claims"] > 0
    else:
        assert stats["claims"] == claims


def test_ingest_of_them_all_at_once_goes_past_each_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "l.db"
    paths = [str(BAD / c[0]) for c in INGEST_CASES if not c[0].startswith("big-")]
    assert main(["ingest", *paths, "--db", str(db), "--published", "2013-02-11"]) == 1
    err = capsys.readouterr().err
    want = sum(c[4] for c in INGEST_CASES)
    failed = sum(1 for c in INGEST_CASES if c[2] == "failed" and not c[0].startswith("big-"))
    skipped = sum(1 for c in INGEST_CASES if c[2] == "skipped")
    # the text files in several encodings are one text: stored once, the others are duplicates
    assert f"failed {failed}" in err and f"skipped {skipped}" in err
    with open_store(str(db)) as store:
        assert 1 <= store.stats()["documents"] <= want


# (file, extract exit status, a piece of the message (None: none), claims printed)
EXTRACT_CASES = [
    ("empty.txt", 2, "empty file", False),
    ("binary.dat", 2, "not text: binary data or an unknown encoding", False),
    ("truncated-utf8.txt", 0, None, True),
    ("utf16-bom.txt", 0, None, True),
    ("utf16le-no-bom.txt", 0, None, True),
    ("utf16be-no-bom.txt", 0, None, True),
    ("cp1256.txt", 0, None, True),
    ("big-20mb.txt", 2, "over the 16 MB limit for one document", False),
    ("no-such-file.txt", 2, "no such file", False),
]


@pytest.mark.parametrize("name, status, message, has_claims", EXTRACT_CASES, ids=[c[0] for c in EXTRACT_CASES])
def test_extract_outcome_of_each_bad_input(
    name: str, status: int, message: str | None, has_claims: bool, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    path = _big(tmp_path) if name.startswith("big-") else BAD / name
    assert main(["extract", str(path), "--published", "2013-02-11"]) == status
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if message is None:
        assert err == ""
        assert bool(json.loads(out)["claims"]) == has_claims
    else:
        assert err.count("shahid: ") == 1 and message in err and out == ""


def test_the_same_text_in_every_encoding_gives_the_same_claims(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    got = []
    for name in ("utf16-bom.txt", "utf16le-no-bom.txt", "utf16be-no-bom.txt", "cp1256.txt"):
        assert main(["extract", str(BAD / name)]) == 0
        got.append(json.loads(capsys.readouterr().out)["claims"])
    assert got[0] and all(g == got[0] for g in got)

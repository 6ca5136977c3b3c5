"""Readers: text, folders, JSONL/CSV with a mapping, HTML, WARC, RSS/Atom, encodings, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from shahid.read import Document, Limits, ReadProblem, detect_format, parse_mapping, parse_published, read
from shahid.read.encoding import decode, detect_encoding

TEXT = (
    "قصف على ريف حلب\n"
    "قصفت قوات النظام بلدة في ريف حلب الشمالي صباح اليوم، ما أدى إلى مقتل خمسة مدنيين بينهم طفلان، "
    "بحسب ناشطين معارضين.\n"
)


def docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def problems(items: list) -> list[ReadProblem]:
    return [i for i in items if isinstance(i, ReadProblem)]


# -- plain text and folders ----------------------------------------------------------------------


def test_text_file_first_line_is_title_and_text_is_kept_whole(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("\n  " + TEXT, encoding="utf-8")
    [d] = read([p])
    assert isinstance(d, Document)
    assert d.title == "قصف على ريف حلب"
    assert d.text == "\n  " + TEXT
    assert d.origin == str(p)
    assert d.published is None


def test_folder_is_read_recursively_in_order_and_hidden_files_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("الثاني\nنص", encoding="utf-8")
    (tmp_path / "1.txt").write_text("الأول\nنص", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("مخفي\nنص", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("مخفي\nنص", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    got = list(read([tmp_path], published="2013-02-03"))
    assert [d.title for d in docs(got)] == ["الأول", "الثاني"]
    assert not problems(got)
    assert {d.published for d in docs(got)} == {"2013-02-03"}


def test_published_option_is_a_fallback_not_an_override(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text(
        json.dumps({"text": TEXT, "date": "2013-01-05"}) + "\n" + json.dumps({"text": TEXT + "."}) + "\n",
        encoding="utf-8",
    )
    assert [d.published for d in docs(read([p], published="2013-03-01"))] == ["2013-01-05", "2013-03-01"]
    with pytest.raises(ValueError, match="not a date"):
        list(read([p], published="yesterday"))


def test_missing_path_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    got = list(read([tmp_path / "nope.txt", tmp_path / "a.txt"]))
    assert got[0] == ReadProblem(str(tmp_path / "nope.txt"), "no such file or folder")
    assert isinstance(got[1], Document)


def test_empty_file_is_skipped_with_a_clear_message(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.jsonl", "empty.csv", "empty.html", "empty.warc", "empty.rss"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    got = list(read([tmp_path]))
    assert not docs(got)
    assert len(got) == 7
    assert all(p.kind == "skipped" for p in got)
    assert {p.reason for p in got} >= {"empty file", "empty document (no text)"}


def test_corrupt_binary_file_fails_with_its_path_and_reading_goes_on(tmp_path: Path) -> None:
    import random

    rnd = random.Random(7)
    (tmp_path / "a_corrupt.txt").write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    (tmp_path / "b_zip.txt").write_bytes(b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(3000)))
    (tmp_path / "c_good.txt").write_text(TEXT, encoding="utf-8")
    got = list(read([tmp_path]))
    [bad1, bad2] = problems(got)
    assert bad1.origin.endswith("a_corrupt.txt") and bad1.kind == "failed" and "not text" in bad1.reason
    assert bad2.origin.endswith("b_zip.txt") and "not text" in bad2.reason
    assert [d.title for d in docs(got)] == ["قصف على ريف حلب"]


# -- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode(encoding))  # utf-16 writes a BOM; -le/-be do not
    [d] = read([p])
    assert isinstance(d, Document), d
    assert d.text == TEXT
    assert d.title == "قصف على ريف حلب"


def test_windows_1256_short_text_and_crlf() -> None:
    data = "مقتل خمسة مدنيين\r\nفي حلب".encode("cp1256")
    assert detect_encoding(data) == "cp1256"
    assert decode(data) == "مقتل خمسة مدنيين\nفي حلب"


def test_utf16_without_bom_is_recognised_by_its_byte_pattern() -> None:
    assert detect_encoding(TEXT.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(TEXT.encode("utf-16-be")) == "utf-16-be"


def test_windows_1256_jsonl_and_csv(tmp_path: Path) -> None:
    rec = {"title": "عنوان", "text": TEXT}
    (tmp_path / "a.jsonl").write_bytes((json.dumps(rec, ensure_ascii=False) + "\n").encode("cp1256"))
    (tmp_path / "b.csv").write_bytes(f'title,text\nعنوان,"{TEXT}"\n'.encode("cp1256"))
    got = docs(read([tmp_path]))
    assert [d.text for d in got] == [TEXT, TEXT]


# -- JSON Lines and CSV --------------------------------------------------------------------------


def test_parse_mapping() -> None:
    assert parse_mapping("title=title,text=text,published=timestamp,outlet=source") == {
        "title": "title",
        "text": "text",
        "published": "timestamp",
        "outlet": "source",
    }
    assert parse_mapping(["text=body", "url=meta.link"]) == {"text": "body", "url": "meta.link"}
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_mapping("text")
    with pytest.raises(ValueError, match="not one of"):
        parse_mapping("body=text")


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("2013-01-27 19:20:15", "2013-01-27"),
        ("2013-01-27", "2013-01-27"),
        ("2013/1/7", "2013-01-07"),
        ("2013-01-27T23:30:00+02:00", "2013-01-27"),
        ("Sun, 27 Jan 2013 19:20:15 +0200", "2013-01-27"),
        (1359314415, "2013-01-27"),
        (1359314415000, "2013-01-27"),
        ("1359314415", "2013-01-27"),
        ("2013-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_published(raw: object, want: str | None) -> None:
    assert parse_published(raw) == want


def test_jsonl_with_mapping_nested_fields_meta_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "headline": "أ",
                "body": TEXT,
                "when": {"ts": "2013-01-27 19:20:15"},
                "site": "example.org",
                "extra": 1,
            },
            ensure_ascii=False,
        ),
        "{not json",
        "",
        json.dumps([1, 2]),
        json.dumps({"headline": "ب", "body": "   "}),
        json.dumps({"headline": "ج", "other": "x"}),
        json.dumps({"headline": "د", "body": TEXT + "!", "when": {"ts": "soon"}}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(read([p], mapping="title=headline,text=body,published=when.ts,outlet=site"))
    d1, bad_json, not_obj, empty, no_text, d2 = got
    assert isinstance(d1, Document)
    assert (d1.title, d1.text, d1.published, d1.outlet) == ("أ", TEXT, "2013-01-27", "example.org")
    assert d1.origin == f"{p}:1"
    assert d1.meta["extra"] == 1 and "body" not in d1.meta
    assert bad_json.origin == f"{p}:2" and "invalid JSON" in bad_json.reason
    assert not_obj.origin == f"{p}:4" and "not a record" in not_obj.reason
    assert empty.kind == "skipped" and "empty text" in empty.reason
    assert no_text.kind == "failed" and "no field 'body'" in no_text.reason
    assert isinstance(d2, Document) and d2.published is None and d2.meta["unreadable_published"] == "soon"


def test_jsonl_without_mapping_uses_common_field_names_and_reads_json_arrays(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"title": "t", "content": TEXT, "link": "https://www.x.org/a", "date": "2013-03-01"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(json.dumps([{"text": TEXT + "1"}, {"text": TEXT + "2"}]), encoding="utf-8")
    a, b1, b2 = docs(read([tmp_path]))
    assert (a.title, a.text, a.url, a.outlet, a.published) == (
        "t",
        TEXT,
        "https://www.x.org/a",
        "x.org",
        "2013-03-01",
    )
    assert [b1.text, b2.text] == [TEXT + "1", TEXT + "2"]
    assert b2.origin.endswith("b.json#1")


def test_jsonl_line_in_another_encoding_is_reported_alone(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    good = (json.dumps({"text": TEXT}, ensure_ascii=False) + "\n").encode("utf-8")
    p.write_bytes(good * 200 + (json.dumps({"text": "نص آخر"}, ensure_ascii=False) + "\n").encode("cp1256") + good)
    got = list(read([p]))
    assert len(docs(got)) == 201
    [bad] = problems(got)
    assert bad.origin == f"{p}:201" and "cannot decode" in bad.reason


def test_csv_and_tsv_with_mapping(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        'id,headline,story,date\n1,أ,"' + TEXT + '",2013-01-02\n2,ب,,2013-01-03\n', encoding="utf-8"
    )
    (tmp_path / "b.tsv").write_text("title\ttext\nج\t" + TEXT.replace("\n", " ") + "\n", encoding="utf-8")
    got = list(read([tmp_path / "a.csv"], mapping="title=headline,text=story"))
    d, empty = got
    assert isinstance(d, Document) and (d.title, d.text, d.published) == ("أ", TEXT, "2013-01-02")
    assert d.meta["id"] == "1" and d.origin == f"{tmp_path / 'a.csv'}:4"
    assert empty.kind == "skipped"
    [t] = read([tmp_path / "b.tsv"])
    assert isinstance(t, Document) and t.title == "ج"


@pytest.mark.shared
def test_reads_the_corpus_as_it_is_with_the_documented_mapping(shared_dir: Path, tmp_path: Path) -> None:
    corpus = shared_dir / "data" / "corpus" / "ar-news-2013.jsonl"
    head = tmp_path / "head.jsonl"
    with corpus.open("rb") as src:
        head.write_bytes(b"".join(next(src) for _ in range(200)))
    rows = [json.loads(line) for line in head.read_text(encoding="utf-8").splitlines()]
    got = list(read([head], mapping="title=title,text=text,published=timestamp,outlet=source"))
    assert len(got) == 200 and not problems(got)
    for d, r in zip(docs(got), rows, strict=True):
        assert d.text == r["text"] and d.title == r["title"] and d.outlet == r["source"]
        assert d.published == r["timestamp"][:10]
    # the default field names read it the same way
    assert [(d.text, d.published, d.outlet) for d in docs(read([head]))] == [
        (d.text, d.published, d.outlet) for d in docs(got)
    ]


# -- size ----------------------------------------------------------------------------------------


def test_50_mb_jsonl_is_streamed(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    line = json.dumps({"text": TEXT * 12}, ensure_ascii=False)
    n = 50 * 1024 * 1024 // len(line.encode("utf-8")) + 1
    with p.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(line[:-2] + f' {i}"}}\n')
    assert p.stat().st_size > 50 * 1024 * 1024
    count = sum(1 for d in read([p]) if isinstance(d, Document))
    assert count == n


def test_50_mb_single_document_is_refused_clearly_unless_the_limit_is_raised(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    chunk = TEXT.encode("utf-8")
    with p.open("wb") as fh:
        fh.write(chunk * (50 * 1024 * 1024 // len(chunk) + 1))
    [problem] = read([p])
    assert isinstance(problem, ReadProblem) and problem.kind == "failed"
    assert "50.0 MB" in problem.reason and "16 MB limit" in problem.reason and "--max-doc-mb" in problem.reason
    [d] = read([p], limits=Limits(max_document_mb=64))
    assert isinstance(d, Document) and len(d.text) > 25_000_000 and d.title == "قصف على ريف حلب"


# -- HTML, WARC, feeds ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="{charset}">
<title>قصف على ريف حلب - موقع الأخبار</title>
<meta property="og:title" content="قصف على ريف حلب">
<meta property="og:site_name" content="موقع الأخبار">
<link rel="canonical" href="https://www.news.example.org/2013/01/27/item.html">
<meta property="article:published_time" content="2013-01-27T10:00:00+02:00"></head>
<body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">سياسة</a></li></ul></nav>
<article><h1>قصف على ريف حلب</h1>
<p>قصفت قوات النظام السوري بلدة في ريف حلب الشمالي صباح اليوم، ما أدى إلى مقتل خمسة مدنيين
بينهم طفلان، بحسب ناشطين معارضين.</p>
<p>وقال المرصد السوري لحقوق الإنسان إن الحصيلة مرشحة للارتفاع بسبب وجود جرحى في حالة خطرة،
وإن الطيران الحربي نفذ غارات على مناطق أخرى في ريف المحافظة.</p></article>
<footer>جميع الحقوق محفوظة لموقع الأخبار</footer></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1256"])
def test_html_boilerplate_removed_and_metadata_kept(tmp_path: Path, charset: str) -> None:
    p = tmp_path / "page.html"
    p.write_bytes(PAGE.format(charset=charset).encode(charset))
    [d] = read([p])
    assert isinstance(d, Document), d
    assert d.title == "قصف على ريف حلب"
    assert d.text.startswith("قصف على ريف حلب\n")
    assert "مقتل خمسة مدنيين" in d.text and "المرصد السوري" in d.text
    assert "جميع الحقوق" not in d.text and "الرئيسية" not in d.text
    assert d.published == "2013-01-27"
    assert d.url == "https://www.news.example.org/2013/01/27/item.html"
    assert d.outlet == "news.example.org"


def test_html_without_article_text_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "blank.html"
    p.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    [problem] = read([p])
    assert isinstance(problem, ReadProblem) and problem.kind == "skipped" and "no article text" in problem.reason


def _warc(path: Path, records: list[tuple[str, str, bytes, str]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for uri, status, payload, ctype in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_pages_are_documents_and_other_records_are_ignored(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("site.warc.gz" if gz else "site.warc")
    _warc(
        p,
        [
            (
                "https://news.example.org/a.html",
                "200 OK",
                PAGE.format(charset="utf-8").encode(),
                "text/html; charset=utf-8",
            ),
            ("https://news.example.org/logo.png", "200 OK", b"\x89PNG" + bytes(50), "image/png"),
            ("https://news.example.org/gone.html", "404 Not Found", b"<html>404</html>", "text/html"),
            (
                "https://news.example.org/b.txt",
                "200 OK",
                TEXT.encode("cp1256"),
                "text/plain; charset=windows-1256",
            ),
        ],
        gz=gz,
    )
    assert detect_format(p) == "warc"
    page, gone, txt = read([p])
    assert isinstance(page, Document) and page.title == "قصف على ريف حلب"
    assert page.url == "https://www.news.example.org/2013/01/27/item.html" and "warc_date" in page.meta
    assert isinstance(gone, ReadProblem) and gone.kind == "skipped" and "404" in gone.reason
    assert gone.origin == f"{p}#https://news.example.org/gone.html"
    assert isinstance(txt, Document) and txt.text == TEXT and txt.url == "https://news.example.org/b.txt"


def test_corrupt_warc_is_reported_after_the_pages_it_could_read(tmp_path: Path) -> None:
    # One good record (its own gzip member), then a member that is not deflate. The first member is written
    # on its own: its compressed bytes vary (record id, date), so searching them for the gzip magic is unsafe.
    p = tmp_path / "broken.warc.gz"
    _warc(p, [("https://x.org/a", "200 OK", PAGE.format(charset="utf-8").encode(), "text/html")])
    p.write_bytes(p.read_bytes() + b"\x1f\x8b\x08\x00garbage-not-deflate" + bytes(200))
    got = list(read([p]))
    assert isinstance(got[0], Document)
    assert isinstance(got[-1], ReadProblem) and got[-1].origin == str(p) and "corrupt web archive" in got[-1].reason


RSS = """<?xml version="1.0" encoding="{enc}"?>
<rss version="2.0"><channel><title>موقع الأخبار</title><link>https://www.news.example.org/</link>
<item><title>قصف على ريف حلب</title><link>https://news.example.org/a</link>
<pubDate>Sun, 27 Jan 2013 19:20:15 +0200</pubDate>
<description><![CDATA[<p>قصفت قوات النظام بلدة في ريف حلب.</p>
<p>وقال ناشطون إن خمسة مدنيين قتلوا.</p>]]></description>
</item>
<item><title></title><link>https://news.example.org/b</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع</title><link href="https://agency.example.net/"/>
<entry><title>اشتباكات في درعا</title><link href="https://agency.example.net/x"/><id>urn:x</id>
<updated>2013-02-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;دارت اشتباكات عنيفة في درعا.&lt;/p&gt;</content></entry></feed>"""


@pytest.mark.parametrize("enc", ["utf-8", "windows-1256"])
def test_rss_entries_are_documents(tmp_path: Path, enc: str) -> None:
    p = tmp_path / "feed.xml"
    p.write_bytes(RSS.format(enc=enc).encode(enc))
    assert detect_format(p) == "rss"
    d, empty = read([p])
    assert isinstance(d, Document)
    assert d.text == "قصف على ريف حلب\nقصفت قوات النظام بلدة في ريف حلب.\nوقال ناشطون إن خمسة مدنيين قتلوا."
    assert (d.title, d.published, d.url, d.outlet) == (
        "قصف على ريف حلب",
        "2013-01-27",
        "https://news.example.org/a",
        "news.example.org",
    )
    assert isinstance(empty, ReadProblem) and empty.kind == "skipped"


def test_atom_feed(tmp_path: Path) -> None:
    p = tmp_path / "feed.atom"
    p.write_text(ATOM, encoding="utf-8")
    [d] = read([p])
    assert isinstance(d, Document)
    assert d.text == "اشتباكات في درعا\nدارت اشتباكات عنيفة في درعا."
    assert (d.published, d.outlet, d.meta["id"]) == ("2013-02-03", "agency.example.net", "urn:x")


def test_not_a_feed_fails_clearly(tmp_path: Path) -> None:
    p = tmp_path / "x.rss"
    p.write_text("<rss><channel><item>unclosed", encoding="utf-8")
    [problem] = read([p])
    assert isinstance(problem, ReadProblem) and problem.kind in ("failed", "skipped") and problem.reason


def test_format_detection_by_content(tmp_path: Path) -> None:
    cases = {
        "a": b"WARC/1.0\r\n",
        "b": b'{"text": "x"}\n',
        "c": b"<?xml version='1.0'?><rss>",
        "d": b"<!DOCTYPE html><html>",
        "e": "نص عادي".encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert [detect_format(tmp_path / n) for n in "abcde"] == ["warc", "jsonl", "rss", "html", "text"]
    assert detect_format(tmp_path / "x.png") is None
    with pytest.raises(ValueError, match="unknown format"):
        list(read([tmp_path], fmt="pdf"))


def test_document_id_is_the_engine_doc_id() -> None:
    import hashlib

    from shahid.types import DocumentMeta  # noqa: F401 - the contract's id is sha256 of the text

    d = Document(text=TEXT)
    assert d.id == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    d.text = TEXT + "."
    assert d.id == hashlib.sha256((TEXT + ".").encode("utf-8")).hexdigest()

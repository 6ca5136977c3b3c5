"""Claim assembly on hand-written reports (news style, written for these tests)."""

import json

import pytest

from shahid.cli import main
from shahid.extract import ExtractionError, extract

REPORT = (
    "قوات النظام تقصف ريف إدلب\n\n"
    "قصفت قوات النظام بالطائرات الحربية بلدة كفرنبل يوم الأحد، ما أسفر عن مقتل 12 مدنيا بينهم "
    "ثلاثة أطفال وامرأتان، وفقا للمرصد السوري لحقوق الإنسان.\n"
    "وقال ناشطون إن عناصر من جبهة النصرة اعتقلوا نحو عشرين شابا في البلدة.\n"
    "ونفى مصدر عسكري سوري أن يكون الجيش قد أعدم أكثر من 30 معتقلا في سجن حماة المركزي.\n"
    "وأفادت تقارير غير مؤكدة عن إعدامات ميدانية بالعشرات.\n"
    "وتهدد الميليشيات بإعدام الأسرى إذا لم يتم تبادلهم.\n"
)


@pytest.fixture(scope="module")
def report() -> dict:
    return extract(REPORT, "2013-02-12", outlet="test").to_dict()


def _claim(report: dict, event: str, word: str) -> dict:
    for c in report["claims"]:
        if c["event"] == event and word in c["evidence"]["text"]:
            return c
    raise AssertionError(f"no {event} claim with {word!r}: {[c['event'] for c in report['claims']]}")


def test_every_span_is_exact(report: dict) -> None:
    def walk(o: object) -> None:
        if isinstance(o, dict):
            if "span" in o and "text" in o:
                a, b = o["span"]
                assert REPORT[a:b] == o["text"]
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(report["claims"])
    assert report["claims"]


def test_headline_makes_no_claim_of_its_own(report: dict) -> None:
    assert report["doc"]["title"] == "قوات النظام تقصف ريف إدلب"
    assert all(c["evidence"]["span"][0] > len("قوات النظام تقصف ريف إدلب") for c in report["claims"])


def test_airstrike_with_toll_source_and_date(report: dict) -> None:
    c = _claim(report, "airstrike", "كفرنبل")
    assert c["method"] == "airstrike"
    assert [a["actor"] for a in c["perpetrators"]] == ["sy_government"]
    counts = {(n["kind"], n["group"], n["value"], n["qualifier"]) for n in c["counts"]}
    assert counts == {("killed", "civilians", 12, "exact"), ("killed", "children", 3, "exact"),
                      ("killed", "women", 2, "exact")}
    assert c["source"]["type"] == "monitor"
    assert c["date"]["value"] == "2013-02-10"  # the Sunday before Tuesday 12 February
    assert c["certainty"] == "asserted"


def test_detention_by_nusra_reported_by_activists(report: dict) -> None:
    c = _claim(report, "detention", "شابا")
    assert [a["actor"] for a in c["perpetrators"]] == ["hts"]
    assert c["source"]["type"] == "activist"
    assert [(n["kind"], n["value"], n["qualifier"]) for n in c["counts"]] == [("detained", 20, "approx")]
    assert [v["group"] for v in c["victims"]] == ["men"]


def test_denial(report: dict) -> None:
    c = _claim(report, "execution", "معتقلا")
    assert c["certainty"] == "denied"
    assert c["source"]["type"] == "government"
    n = c["counts"][0]
    assert (n["kind"], n["value"], n["low"], n["qualifier"]) == ("killed", 30, 31, "at_least")


def test_unconfirmed_vague(report: dict) -> None:
    c = _claim(report, "execution", "بالعشرات")
    assert c["certainty"] == "unconfirmed"
    n = c["counts"][0]
    assert (n["value"], n["low"], n["qualifier"]) == (None, 10, "vague")


def test_threat_is_not_an_event(report: dict) -> None:
    assert not [c for c in report["claims"] if "تهدد" in c["evidence"]["text"]]


def test_without_published_relative_dates_stay_unresolved() -> None:
    c = _claim(extract(REPORT).to_dict(), "airstrike", "كفرنبل")
    assert c["date"]["value"] is None and c["date"]["text"] == "يوم الأحد"


def test_deterministic() -> None:
    assert extract(REPORT, "2013-02-12").to_dict() == extract(REPORT, "2013-02-12").to_dict()


def test_bad_published_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="YYYY-MM-DD"):
        extract(REPORT, "12/02/2013")


def test_cli_json_jsonl_table(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    f1 = tmp_path / "a.txt"
    f1.write_text(REPORT, encoding="utf-8")
    f2 = tmp_path / "b.txt"
    f2.write_text("عنوان\n\nانفجرت سيارة مفخخة في حي الميدان بدمشق.\n", encoding="utf-8")
    assert main(["extract", str(f1), "--published", "2013-02-12"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["doc"]["published"] == "2013-02-12" and doc["claims"]
    assert main(["extract", str(f1), str(f2)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(x)["doc"]["title"] for x in lines] == ["قوات النظام تقصف ريف إدلب", "عنوان"]
    assert main(["extract", str(f2), "--format", "table"]) == 0
    assert "bombing (explosive)" in capsys.readouterr().out


def test_cli_errors(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert main(["extract", str(binary)]) == 2
    assert "not text" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["extract", str(empty)]) == 2
    assert "empty file" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_reads_the_encodings_ingest_reads(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    text = "عنوان\n\nانفجرت سيارة مفخخة في حي الميدان بدمشق.\n"
    expected = extract(text).to_dict()["claims"]
    for name, data in [("cp1256.txt", text.encode("cp1256")), ("utf16le.txt", text.encode("utf-16-le")),
                       ("utf16be.txt", text.encode("utf-16-be")), ("bom.txt", text.encode("utf-16"))]:
        (tmp_path / name).write_bytes(data)
        assert main(["extract", str(tmp_path / name)]) == 0, name
        assert json.loads(capsys.readouterr().out)["claims"] == expected, name


def test_cli_goes_on_past_a_bad_input_and_fails_at_the_end(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    a, empty, b = tmp_path / "a.txt", tmp_path / "empty.txt", tmp_path / "b.txt"
    a.write_text(REPORT, encoding="utf-8")
    empty.write_text("")
    b.write_text("عنوان\n\nانفجرت سيارة مفخخة في حي الميدان بدمشق.\n", encoding="utf-8")
    assert main(["extract", str(a), str(empty), str(b)]) == 2
    out, err = capsys.readouterr()
    assert [json.loads(x)["doc"]["title"] for x in out.splitlines()] == ["قوات النظام تقصف ريف إدلب", "عنوان"]
    assert f"{empty}: empty file" in err and "2 of 3 input(s) extracted" in err


def _claims(text: str, published: str = "2013-03-05") -> list[dict]:
    # these tables test the rules' roles; the learned judge behind them is tested in test_learn.py
    return extract("عنوان\n\n" + text, published, model=False).to_dict()["claims"]


def test_quotation_carries_its_source_and_no_further() -> None:
    claims = _claims(
        'وقال المرصد السوري لحقوق الإنسان إن "قوات النظام قصفت حي جوبر بالمدفعية.\n'
        'كما اعتقلت عشرة شبان في حي برزة".\n'
        "وانفجرت سيارة مفخخة في حي المزة.\n")
    by_event = {c["event"]: c for c in claims}
    assert by_event["shelling"]["source"]["type"] == "monitor"
    assert by_event["detention"]["source"]["type"] == "monitor"  # still inside the quotation
    assert by_event["bombing"]["source"] is None  # after it closes: the outlet's own voice


def test_accusation_is_alleged_and_clash_has_both_sides() -> None:
    claims = _claims(
        "اتهمت الحكومة السورية جبهة النصرة بإعدام 15 جنديا في ريف حلب.\n"
        "واندلعت اشتباكات ضارية بين قوات النظام والجيش الحر قرب حي الإذاعة.\n")
    execution = next(c for c in claims if c["event"] == "execution")
    assert execution["certainty"] == "alleged" and execution["source"]["type"] == "government"
    assert [a["actor"] for a in execution["perpetrators"]] == ["hts"]
    clash = next(c for c in claims if c["event"] == "attack")
    assert {a["actor"] for a in clash["perpetrators"]} == {"opposition", "sy_government"}


def test_one_claim_per_place_and_tolls_split_by_place() -> None:
    claims = _claims("وقصفت قوات النظام مدن دوما وحرستا وعربين بريف دمشق.\n"
                     "وقالت لجان التنسيق المحلية إن 30 شخصا قتلوا اليوم، منهم 12 في حلب و9 في حمص.\n")
    shelled = sorted(c["location"]["name"] for c in claims if c["event"] == "shelling")
    assert shelled == ["حرستا", "دوما", "عربين"]
    tolls = {c["location"]["name"]: c["counts"][0]["value"] for c in claims
             if c["event"] == "killing" and c["location"]}
    assert tolls == {"حلب": 12, "حمص": 9}


def test_speaker_that_speaks_of_itself_is_the_agent() -> None:
    claims = _claims("وأعلن الجيش السوري الحر أنه سيطر على مطار تفتناز العسكري في ريف إدلب.\n")
    c = next(c for c in claims if c["event"] == "territory_change")
    assert [a["actor"] for a in c["perpetrators"]] == ["opposition"]
    assert c["source"]["type"] == "armed_group"
    assert c["location"]["precision"] == "site"


def test_possessive_pronoun_on_the_act_points_to_the_speaker() -> None:
    own = _claims("وأعلن الجيش السوري الحر سيطرته على بلدة اليادودة في ريف درعا.\n")
    assert [a["actor"] for a in own[0]["perpetrators"]] == ["opposition"]
    # without the pronoun the text does not say who took it
    bare = _claims("وأعلن الجيش السوري الحر السيطرة على بلدة اليادودة في ريف درعا.\n")
    assert bare[0]["perpetrators"] == []


def test_toll_for_several_places_stays_on_their_container() -> None:
    claims = _claims("أعلنت لجان التنسيق المحلية أن 96 شخصا قتلوا اليوم في سوريا بنيران قوات النظام "
                     "معظمهم في إدلب ودمشق وحمص.\n")
    c = next(c for c in claims if c["event"] == "killing")
    assert c["location"]["name"] == "سوريا" and c["counts"][0]["value"] == 96


def test_cli_reads_stdin(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    class _Stdin:
        buffer = io.BytesIO("عنوان\n\nانفجرت سيارة مفخخة في حي برزة بدمشق اليوم.\n".encode())

    monkeypatch.setattr("sys.stdin", _Stdin())
    assert main(["extract", "-", "--published", "2013-02-21"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["claims"][0]["event"] == "bombing"
    assert doc["claims"][0]["date"]["value"] == "2013-02-21"


@pytest.mark.parametrize("text", ["قتل 5 مدنيين في قصف على حلب\n", "قتل 5 مدنيين في قصف على حلب",
                                  "قتل 5 مدنيين في قصف على حلب\n\n  \n"])
def test_a_document_with_no_body_is_read_as_body(text: str) -> None:
    # `echo "…" | shahid extract -`: one line (newline or not) is the whole report, not a headline
    claims = extract(text).to_dict()["claims"]
    assert [c["event"] for c in claims] == ["shelling"]
    assert claims[0]["counts"][0]["value"] == 5 and claims[0]["location"]["name"] == "حلب"


def test_readme_python_example() -> None:
    import shahid

    text = "عنوان\n\nانفجرت سيارة مفخخة في حي برزة بدمشق اليوم.\n"
    report = shahid.extract(text, published="2016-12-12")
    assert [c.event for c in report.claims] == ["bombing"]
    assert report.claims[0].date is not None and report.claims[0].date.value == "2016-12-12"
    assert report.to_dict()["doc"]["published"] == "2016-12-12"


def test_two_megabytes_without_punctuation_extract_with_exact_spans() -> None:
    """A scraped page that lost its punctuation: one 2 MB run of words, no full stop, no line break
    (windowed by the segmenter, so it takes seconds, not hours); every span still points at its text."""
    import re

    # the report's words, then as many of a page's other talk (no event in it), with a diacritic
    # and a tatweel so that the offset map is not the identity
    filler = "وتناول الاجتماع قضايا التعليم والصحة والنقل العام في المدينة وناقش المشاركون خطط العام المقبل "
    words = " ".join([*re.findall(r"\w+", REPORT.partition("\n")[2]), "مَقْتـل", "خمسة",
                      *(filler * 5).split()])
    text = " ".join([words] * (2_000_000 // len(words.encode("utf-8")) + 1))
    assert len(text.encode("utf-8")) > 2_000_000 and "\n" not in text and "." not in text
    report = extract(text, "2013-02-12", title="")
    assert len(report.claims) > 1000, len(report.claims)

    def spans(o: object) -> int:
        n = 0
        if isinstance(o, dict):
            if "span" in o and "text" in o:
                a, b = o["span"]
                assert text[a:b] == o["text"]
                n += 1
            n += sum(spans(v) for v in o.values())
        elif isinstance(o, list):
            n += sum(spans(v) for v in o)
        return n

    assert spans(report.to_dict()["claims"]) > 3 * len(report.claims)

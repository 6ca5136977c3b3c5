"""Hand-built reports for the ledger's tests (until, and besides, the real engine's claims).

``fake_extract`` has the signature of ``shahid.extract.extract`` and returns real ``Report``
objects whose claims fill every field of the contract, every span pointing at real text, so
that storing, querying and exporting are tested on complete claims. It is deterministic and
module-level (picklable), so ingest can run it in worker processes.
"""

from __future__ import annotations

import hashlib
import re
import time

from shahid.types import Actor, Claim, Count, DateValue, DocumentMeta, Evidence, Group, Place, Report, Source

FAKE_ENGINE = "fake-engine/1"

# (name, place_id, admin1, lat, lon, precision): OCHA-style ids nest by prefix.
PLACES = [
    ("حلب", "SY02", "Aleppo", 36.2, 37.16, "governorate"),
    ("جبل سمعان", "SY0200", "Aleppo", 36.25, 37.1, "district"),
    ("دوما", "SY0303", "Rural Damascus", 33.57, 36.4, "town"),
    ("درعا", "SY12", "Dar'a", 32.62, 36.1, "governorate"),
]
EVENTS = ["airstrike", "shelling", "attack", "detention", "territory_change", "protest"]
ACTORS = ["sy_government", "sy_government/republican_guard", "opposition/jaish_al_islam", "isis"]
GROUPS = ["civilians", "children", "women", "fighters"]
SOURCES = [("المرصد السوري لحقوق الإنسان", "monitor"), ("ناشطون", "activist")]
CERTAINTY = ["asserted", "confirmed", "alleged"]

_SENT_RE = re.compile(r"[^.\n؟!]+")
_WORD_RE = re.compile(r"\S+")


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD_RE.finditer(text[start:end])]


def fake_extract(
    text: str,
    published: str | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Report:
    h = hashlib.sha256(text.encode("utf-8")).digest()
    meta = DocumentMeta(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        outlet=outlet,
        published=published,
        url=url,
    )
    claims: list[Claim] = []
    sentences = [(m.start(), m.end()) for m in _SENT_RE.finditer(text) if len(m.group().split()) >= 4]
    for i, (s0, s1) in enumerate(sentences[: 1 + h[0] % 3]):
        w = _words(text, s0, s1)
        k = h[i + 1]

        def val(j: int, w: list[tuple[int, int]] = w) -> tuple[str, tuple[int, int]]:
            a, b = w[j % len(w)]
            return text[a:b], (a, b)

        t0, sp0 = val(0)
        t1, sp1 = val(1)
        t2, sp2 = val(2)
        t3, sp3 = val(3)
        name, pid, admin1, lat, lon, prec = PLACES[k % len(PLACES)]
        src = SOURCES[k % len(SOURCES)] if k % 3 else None
        day = None
        if published and k % 2:
            day = DateValue(value=published, precision="day", text=t3, span=sp3)
        elif k % 5 == 0:
            day = DateValue(value=None, precision="day", text=t3, span=sp3)
        claims.append(
            Claim(
                id=f"c{i + 1}",
                event=EVENTS[k % len(EVENTS)],
                method="airstrike" if k % 2 else None,
                perpetrators=[Actor(ACTORS[k % len(ACTORS)], t0, sp0)]
                + ([Actor("russia", t1, sp1)] if k % 4 == 0 else []),
                victims=[Group(GROUPS[k % len(GROUPS)], t1, sp1)],
                counts=[
                    Count("killed", GROUPS[k % len(GROUPS)], k % 50, k % 50, None, "exact", t2, sp2),
                    Count("injured", None, None, 10, None, "vague", t3, sp3),
                ],
                location=Place(
                    name,
                    pid,
                    admin1,
                    "SY",
                    lat,
                    lon,
                    prec,
                    t2,
                    sp2,
                    coord_precision="centroid" if k % 2 else None,
                ),
                date=day,
                source=Source(src[0], src[1], t1, sp1) if src else None,
                certainty=CERTAINTY[k % len(CERTAINTY)],
                evidence=Evidence(text[s0:s1], (s0, s1)),
                trigger=Evidence(t0, sp0) if k % 2 else None,
            )
        )
    return Report(doc=meta, claims=claims, engine=FAKE_ENGINE)


def expected_claims(text: str) -> int:
    return len(fake_extract(text).claims)


def slow_fake_extract(
    text: str,
    published: str | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Report:
    """``fake_extract`` taking 5 ms a document, so that a test can kill an ingest half-way."""
    time.sleep(0.005)
    return fake_extract(text, published, title=title, outlet=outlet, url=url)


def failing_extract(
    text: str,
    published: str | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Report:
    if "انفجار" in text:
        raise RuntimeError("the engine choked")
    return fake_extract(text, published, title=title, outlet=outlet, url=url)


ARTICLES = [
    "قصف على ريف حلب\nقصفت قوات النظام بلدة في ريف حلب الشمالي صباح اليوم. وقال ناشطون إن خمسة مدنيين قتلوا "
    "بينهم طفلان. وأفاد المرصد بأن الطيران الحربي نفذ غارات أخرى على المنطقة.",
    "اشتباكات في درعا\nدارت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في أحياء درعا البلد. وذكرت مصادر "
    "محلية أن عددا من المقاتلين سقطوا من الطرفين. وتواصل القصف المدفعي حتى ساعات المساء.",
    "اعتقالات في دوما\nشنت الأجهزة الأمنية حملة دهم واعتقال في مدينة دوما بريف دمشق. وقالت لجان التنسيق إن "
    "العشرات اعتقلوا بينهم نساء. ونفت مصادر رسمية وقوع أي اعتقالات في المدينة.",
    "مظاهرة في حلب\nخرج مئات المتظاهرين في حي من أحياء حلب للمطالبة بإسقاط النظام. وردد المتظاهرون هتافات "
    "تطالب بالإفراج عن المعتقلين.",
]

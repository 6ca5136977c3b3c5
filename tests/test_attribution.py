"""Attribution: who the report says it (ANNOTATION.md `source`), as (hand-written report, expected) tables."""

from __future__ import annotations

import pytest

from shahid.extract import extract

CASES: list[tuple[str, str, str | None]] = [
    # (report, a word of the claim's evidence, expected source type)
    ("عنوان\n\nقال تقرير للجنة تابعة للأمم المتحدة إن القوات الحكومية قصفت بلدة الحولة أمس.\n", "الحولة",
     "intl_org"),
    # the report named again later speaks for the same author
    ("عنوان\n\nقال تقرير لمنظمة العفو الدولية إن الجيش أعدم عشرة معتقلين في حماة أمس.\n"
     "وأضاف التقرير أن قوات الأمن اعتقلت 40 شخصا في حمص.\n", "حمص", "intl_org"),
    ("عنوان\n\nقال المرصد السوري لحقوق الإنسان إن 12 شخصا قتلوا في قصف على دوما اليوم.\n", "دوما", "monitor"),
    ("عنوان\n\nقتل 12 شخصا في قصف على دوما اليوم.\n", "دوما", None),
    # a relay is not the source: the one it relays from is
    ("عنوان\n\nنقلت وكالة رويترز عن المرصد السوري لحقوق الإنسان أن 8 أشخاص قتلوا بقصف على تلبيسة.\n",
     "تلبيسة", "monitor"),
    ("عنوان\n\nنقلت قناة الجزيرة أن 8 أشخاص قتلوا بقصف على تلبيسة.\n", "تلبيسة", "media"),
    # a party to the conflict speaks for itself
    ("عنوان\n\nأعلنت جبهة النصرة صباح اليوم سيطرتها على مطار منغ العسكري شمال حلب.\n", "منغ",
     "armed_group"),
    # a speaker named after the source they speak for, then by name alone
    ("عنوان\n\nقال المتحدث باسم الجيش الحر العقيد مالك الكردي إن الاشتباكات مستمرة.\n"
     "وأكد الكردي أن قوات النظام قصفت بلدة كفرنبل اليوم.\n", "كفرنبل", "armed_group"),
    # "the newspaper" is the outlet named before, and an outlet still when none was: never an actor of
    # what it says
    ("عنوان\n\nوتقول الصحيفة إن مسلحي المعارضة شنوا هجمات على مواقع الجيش في ريف حمص.\n", "حمص", "media"),
    ("عنوان\n\nقال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة في حلب.\n"
     "وذكرت الصحيفة أن الطائرات قصفت بلدة سراقب اليوم.\n", "سراقب", "media"),
    # who names a target inside the outlet's statement says only what follows ("ما قال X إنه …")
    ("عنوان\n\nوشنت مقاتلات حربية غارة على ما قالت المعارضة إنه مستشفى ميداني في بلدة الحراك.\n", "غارة", None),
    ("عنوان\n\nوبثت قناة تلفزيونية لقطات ما قال ناشطون إنه قصف على بلدة الحراك.\n", "قصف", "activist"),
    ("عنوان\n\nوقتل ستة أشخاص في قصف على بلدة الحراك، كما يقول المرصد السوري لحقوق الإنسان.\n", "قصف", "monitor"),
    # "how it called it" is no source of its own: the sentence's speaker is
    ("عنوان\n\nوقالت وكالة سانا إن وحدات الجيش قصفت ما وصفته بأوكار الإرهابيين في بلدة الحراك.\n", "قصفت",
     "government"),
    # "wrote": a press review's verb
    ("عنوان\n\nوكتبت صحيفة الحياة أن الطائرات قصفت بلدة معرة النعمان أمس.\n", "معرة", "media"),
    # a quotation still open runs on into the next sentence, a sourceless reporting word there included;
    # an outlet's note ("يذكر أن") is its own voice
    ("عنوان\n\nوقال المرصد السوري لحقوق الإنسان \" إن الطائرات قصفت مدينة سراقب\nوالقصف أدى إلى مقتل خمسة أشخاص في "
     "بلدة بنش، في إشارة إلى أن الحملة مستمرة \".\n", "بنش", "monitor"),
    ("عنوان\n\nوقال المرصد السوري لحقوق الإنسان \" إن الطائرات قصفت مدينة سراقب\nيذكر أن القصف أدى إلى مقتل خمسة "
     "أشخاص في بلدة بنش أمس.\n", "بنش", None),
]


@pytest.mark.parametrize(("report", "word", "source_type"), CASES)
def test_source(report: str, word: str, source_type: str | None) -> None:
    found = extract(report, "2013-02-10", model=False).to_dict()["claims"]  # the rules (the judge: test_learn)
    claims = [c for c in found if word in c["evidence"]["text"]]
    assert claims, word
    got = claims[0]["source"]["type"] if claims[0]["source"] else None
    assert got == source_type, claims[0]["source"]

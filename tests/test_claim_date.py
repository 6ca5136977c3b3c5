"""A claim's date (ANNOTATION.md `date`): the clause's date, else the sentence's, else the report's
running date; resolved against the publication date."""

from __future__ import annotations

import pytest

from shahid.extract import extract

PUBLISHED = "2013-02-10"  # a Sunday

CASES: list[tuple[str, str | None]] = [
    ("عنوان\n\nقصفت قوات النظام بلدة كفرنبل يوم الجمعة.\n", "2013-02-08"),
    ("عنوان\n\nقتل 5 أشخاص في قصف على حمص أمس.\n", "2013-02-09"),
    ("عنوان\n\nقتل 5 أشخاص في قصف على حمص اليوم.\n", "2013-02-10"),
    # the day the source spoke is not the day of the act when the text dates the act
    ("عنوان\n\nوقال المرصد الثلاثاء إن الطيران قصف بلدة كفرنبل يوم الأحد.\n", "2013-02-10"),
    # a later sentence with no day of its own takes the report's running date
    ("عنوان\n\nقصفت قوات النظام بلدة كفرنبل أمس.\nكما قصفت بلدة معرة النعمان.\n", "2013-02-09"),
    # a day in the frame of a report (between its verb and its complementizer) is the day it was said
    ("عنوان\n\nوذكر سكان محليون لمراسل الوكالة في دمشق الخميس، أن معارك ضارية دارت أمس في حي جوبر.\n",
     "2013-02-09"),
    # a month that begins after publication dates no act
    ("عنوان\n\nقصفت الطائرات بلدة كفرنبل، فيما يعقد المؤتمر في روما الشهر المقبل.\n", None),
    # a sentence that opens by reporting the one before ("ذكرت ذلك …") dates its claims that name no day
    ("عنوان\n\nأفاد ناشطون بمقتل 4 أشخاص في قصف على بلدة كفرنبل.\n"
     "ذكرت ذلك قناة \"الجزيرة\" الفضائية مساء أمس، دون مزيد من التفاصيل.\n", "2013-02-09"),
    ("عنوان\n\nأعلن ناشطون سيطرتهم على حاجز عسكري في بلدة كفرنبل.\n"
     "وذكرت ذلك قناة \"العربية\" الإخبارية اليوم، دون مزيد من التفاصيل.\n", "2013-02-10"),
    ("عنوان\n\nأفاد ناشطون بمقتل 4 أشخاص في قصف على بلدة كفرنبل يوم الجمعة.\n"
     "وذكرت ذلك قناة العربية اليوم.\n", "2013-02-08"),
    # an act told as what the news came the day after ("غداة …") happened the day before the sentence's day
    ("عنوان\n\nقصفت قوات النظام بلدة كفرنبل أمس.\nويأتي ذلك غداة مقتل 50 شخصا في اشتباكات في حلب.\n",
     "2013-02-08"),
    ("عنوان\n\nتواصلت الاشتباكات اليوم في حلب، غداة سيطرة المعارضة على بلدة خناصر.\n", "2013-02-09"),
    ("عنوان\n\nوقال السفير يوم الخميس بعد يوم من الهجوم على مركز البحوث إن دمشق سترد.\n", "2013-02-06"),
    # ... unless it names its own day, or the claim is also the act the sentence tells before the cue
    ("عنوان\n\nسقطت قذائف على حي المزة اليوم، وذلك بعد يوم من سقوط قذائف مماثلة على الحي.\n", "2013-02-10"),
    ("عنوان\n\nقصفت قوات النظام بلدة كفرنبل أمس.\nويأتي ذلك غداة مقتل 50 شخصا في حلب يوم الخميس.\n",
     "2013-02-07"),
    # ... but a later sentence that does not report it gives it no day
    ("عنوان\n\nأفاد ناشطون بمقتل 4 أشخاص في قصف على بلدة كفرنبل.\n"
     "وعقد المجلس الوطني اجتماعا اليوم في القاهرة.\n", None),
]


@pytest.mark.parametrize(("report", "day"), CASES)
def test_claim_date(report: str, day: str | None) -> None:
    claims = extract(report, PUBLISHED, model=False).to_dict()["claims"]
    assert claims, report
    got = claims[-1]["date"]["value"] if claims[-1]["date"] else None
    assert got == day, claims[-1]["date"]


def test_without_publication_date_a_relative_day_stays_unresolved() -> None:
    claims = extract("عنوان\n\nقتل 5 أشخاص في قصف على حمص أمس.\n", model=False).to_dict()["claims"]
    assert claims[0]["date"]["value"] is None and claims[0]["date"]["text"] == "أمس"

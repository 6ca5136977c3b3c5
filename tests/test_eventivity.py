"""Eventivity: which statements are claims of a specific event (ANNOTATION.md, "What is a claim").

A table of (hand-written sentence, expected event codes), dateparser-style: figurative uses, threats,
plans, weapons named without their use and earlier events recalled yield nothing; plain reports do.
"""

from __future__ import annotations

import pytest

from shahid.extract import extract

PUBLISHED = "2013-02-10"

CASES: list[tuple[str, list[str]]] = [
    # reports of acts
    ("قتل 5 مدنيين في قصف على حلب اليوم", ["shelling"]),
    ("انفجرت قنبلة أمام مكاتب الحزب في بغداد صباح اليوم", ["bombing"]),
    ("سقطت قذيفة هاون على حي المزة في دمشق اليوم", ["shelling"]),
    ("قال شهود إن صاروخا انطلق من القطيفة باتجاه المدينة اليوم", ["shelling"]),
    ("نفذ انتحاري هجوما بسيارة مفخخة على حاجز للجيش في حماة أمس", ["bombing"]),
    ("أطلق مسلح عدة أعيرة نارية على حافلة في حمص اليوم", ["attack"]),
    # a noun's act placed only by a whole country is a topic; a verb reports it
    ("وانتشر التعذيب في سوريا", []),
    ("عذبت قوات الأمن معتقلين في سوريا", ["torture"]),
    # live fire, birdshot and tear gas are used on people; protesters acting are a protest
    ("أطلقت قوات الأمن الرصاص الحي والخرطوش على المحتجين في بورسعيد اليوم", ["attack"]),
    ("وتجمع المتظاهرون في ساحة التحرير بالقاهرة اليوم", ["protest"]),
    ("قتلت الشرطة ثلاثة متظاهرين في القاهرة اليوم", ["killing"]),
    # agreeing is an agreement claim only when it settles something of the war
    ("اتفق السودان وجنوب السودان على سحب قواتهما من المنطقة الحدودية", ["agreement"]),
    ("اتفقت الشركتان على رفع أسعار النفط", []),
    ("أعلنت الفصائل هدنة في حمص اليوم", ["agreement"]),
    # the future, a protest of words, the family of nations, a place's usual state
    ("سيقصف الجيش مواقع المسلحين في حمص غدا", []),
    ("سحبت الدولة سفيرها احتجاجا على قصف حمص اليوم", ["shelling"]),
    ("دعت الأسرة الدولية إلى وقف العنف في سوريا اليوم", []),
    ("شهدت حلب التي تشهد اشتباكات يومية قصفا عنيفا اليوم", ["shelling"]),
    ("وتبادل الطرفان إطلاق النار في حي جوبر اليوم", ["attack"]),
    # a protest verb with the number of protesters, or protesters doing what protesters do, is specific
    ("تظاهر مئات الأشخاص في وسط المدينة", ["protest"]),
    ("وتجمع المتظاهرون من فلسطينيين وأجانب في قرية بلعين اليوم", ["protest"]),
    # ... with no day or place named: the protesters are who did it
    ("احتشد المتظاهرون في الباحة المواجهة للموقع العسكري", ["protest"]),
    ("ونفذ المتظاهرون اعتصاما في وسط المدينة", ["protest"]),
    # the imperfect of a sit-in, a crowd gathering, hundreds gathering
    ("ويعتصم آلاف المتظاهرين داخل مجمع يضم مقر الحكومة", ["protest"]),
    ("حيث تجمهر الناس في الشارع الرئيسي", ["protest"]),
    ("وتجمع مئات من الأقباط أمام الكاتدرائية", ["protest"]),
    # a protest verb with no protesters: troops massing are no protest
    ("احتشد الجيش على الحدود", []),
    # the war planes before the verb are its means: one air strike, not an air strike and a shelling
    ("وأضاف المرصد أن الطيران الحربي قصف مدينة حماة اليوم", ["airstrike"]),
    ("وقال المرصد إن الطيران الحربي استهدف حي بابا عمرو اليوم", ["airstrike"]),
    # a bombing verb whose clause names its means says what was done, with no day or place named
    ("وأفاد مسؤولون بأن مهاجما انتحاريا فجر نفسه خارج مكتب شركة للأمن", ["bombing"]),
    ("وأوضح المصدر أن سيارة مفخخة متوقفة أمام المديرية انفجرت عند الساعة العاشرة", ["bombing"]),
    # a means put to use against someone, rockets dropped, a clearing operation
    ("استخدم الجيش سلاح المدفعية ضد بلدة القصير اليوم", ["shelling"]),
    ("اضطرت الرياح الرئيس لاستخدام طائرة مروحية للوصول إلى المدينة", []),
    ("أسقط الطيران 24 صاروخا على حي الشعار في حلب اليوم", ["airstrike"]),
    ("بدأ الجيش عملية تطهير في حي جوبر اليوم", ["attack"]),
    # weapons named, not used
    ("أرسلت ألمانيا بطاريتي صواريخ باتريوت إلى تركيا", []),
    ("تمتلك سوريا ترسانة من الصواريخ البعيدة المدى", []),
    ("وقعت الحكومة صفقة لشراء قنابل وطائرات حديثة", []),
    # figurative, threats, plans
    ("شنت اللجنة هجوما شديدا على الحكومة", []),
    ("توعدت المجموعة بشن مزيد من الهجمات", []),
    ("يمكن أن تبدأ التفجيرات في أي لحظة", []),
    # an organisation's "attack" is words
    ("هاجمت منظمة أطباء بلا حدود الحكومة السورية في تقرير اليوم", []),
    ("هاجم مسلحون حاجزا للجيش في درعا اليوم", ["attack"]),
    # warnings, calls and aims: what they govern has not happened
    ("وحذر الرئيس من أن استخدام الأسلحة الكيماوية في سوريا أمر غير مقبول", []),
    ("ودعت المنظمة إلى وقف القصف على حمص فورا", []),
    ("ويسعى المقاتلون إلى السيطرة على القصر العدلي في حلب", []),
    ("دعت مسيرة في غزة اليوم إلى رفع الحصار", ["protest"]),
    # a death by cold or on the road is no killing; a toll from shelling is
    ("مات خمسة أطفال بسبب البرد في مخيم الزعتري اليوم", []),
    ("توفي ثلاثة أشخاص في حادث سير على طريق حمص اليوم", []),
    ("مات ثلاثة معتقلين تحت التعذيب في سجن صيدنايا اليوم", ["torture"]),
    # what happens in general ("in some incidents", "often") is no specific event
    ("ويذكر التقرير أنه في بعض الحالات قامت قوات الأمن بقتل المدنيين", []),
    ("وغالبا ما تقصف قوات النظام الأحياء السكنية في حمص", []),
    ("قصفت قوات النظام الأحياء السكنية في حمص اليوم", ["shelling"]),
    # a family is not a capture
    ("وأضاف أن أسرته مكونة من 13 فردا يعيشون في شقة بمدينة المراغة", []),
    # an event the report dates by
    ("ووصل عدد قتلى أحداث الشغب إلى 38 منذ اغتيال بوتو", []),  # and the toll since then is cumulative
    # earlier events recalled with their own date
    ("اغتالته إسرائيل في 17 أبريل 2004", []),
    ("وكان الجيش قد قصف البلدة في عام 2011", []),
]


@pytest.mark.parametrize(("sentence", "events"), CASES)
def test_eventivity(sentence: str, events: list[str]) -> None:
    # the rules' eventivity; the learned judge behind them is tested in test_learn.py
    claims = extract(sentence, PUBLISHED, model=False).to_dict()["claims"]
    assert sorted(c["event"] for c in claims) == sorted(events), [
        (c["event"], c["trigger"]["text"]) for c in claims]


def test_an_event_of_last_week_is_still_news() -> None:
    # a day within the recall window is this report's news, not background
    claims = extract("قصف الطيران الحربي بلدة كفرنبل يوم 3 فبراير", PUBLISHED).to_dict()["claims"]
    assert [c["event"] for c in claims] == ["airstrike"]
    assert claims[0]["date"]["value"] == "2013-02-03"


def test_one_sentence_states_one_act_once() -> None:
    # the toll word in a second clause restates the act the first clause counts: one claim
    text = "وثقت لجان التنسيق مقتل 40 شخصا في حلب اليوم، فيما ارتفعت الحصيلة في المدينة"
    claims = extract(text, PUBLISHED).to_dict()["claims"]
    assert [c["event"] for c in claims] == ["killing"]
    assert claims[0]["counts"][0]["value"] == 40
    # ...but two places are two claims
    two = extract("قصف الجيش بلدة كفرنبل، كما قصف بلدة معرة النعمان اليوم", PUBLISHED).to_dict()["claims"]
    assert sorted(c["location"]["text"] for c in two) == ["بلدة كفرنبل", "بلدة معرة النعمان"]


def test_a_story_telling_history_yields_no_news() -> None:
    # the running date of a history is long past: its later sentences are background too
    text = ("عنوان\n\nاغتيل الزعيم النقابي صباح يوم 5 ديسمبر 1952 في تونس.\n"
            "واجتاحت المظاهرات عواصم عربية عدة وقتل فيها عشرات المتظاهرين.\n")
    assert extract(text, PUBLISHED, model=False).to_dict()["claims"] == []

"""Breadth of the actor and source lexicons (actors.yaml, attribution.yaml `sources:`).

Table-driven: each alias class added for the Jan–Mar 2013 Syria reporting resolves to the
expected actor id / source type, and the ambiguity guards keep common words, places and
other countries' bodies out.  All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from shahid.extract import extract
from shahid.lang.loader import load_language
from shahid.text.normalize import normalize


def _actors(text: str) -> list[tuple[str, str]]:
    lang = load_language("ar")
    norm = normalize(text).text
    return [(norm[m.start:m.end], m.payload.id) for m in lang.actors.find(norm)]


def _sources(text: str) -> list[tuple[str, str]]:
    lang = load_language("ar")
    norm = normalize(text).text
    return [(norm[m.start:m.end], m.payload.type) for m in lang.sources.find(norm)]


def _ids(text: str) -> list[str]:
    return [i for _, i in _actors(text)]


def _types(text: str) -> list[str]:
    return [t for _, t in _sources(text)]


# ---------------------------------------------------------------- actors
@pytest.mark.parametrize(
    "text, expected",
    [
        # construct-state and case variants of the government forces
        ("قصفت قوات نظام بشار الأسد الحي", "sy_government"),
        ("اقتحمت قوات الرئيس السوري البلدة", "sy_government"),
        ("وانسحبت القوات النظامية السورية من الحاجز", "sy_government"),
        ("قتل ثلاثة من جنود الجيش النظامي", "sy_government"),
        ("داهمت عناصر قوات النظام المنازل", "sy_government"),
        ("تقدمت القوات الموالية للحكومة السورية", "sy_government"),
        # security branches and units
        ("اعتقل الأمن الجوي عشرة شبان", "sy_government/air_force_intelligence"),
        ("نقل المعتقل إلى فرع فلسطين", "sy_government/military_intelligence"),
        ("انتشرت قوات الفرقة الرابعة في المعضمية", "sy_government/fourth_division"),
        ("اشتبك عناصر الحرس الجمهوري مع المسلحين", "sy_government/republican_guard"),
        # pro-government militias
        ("هاجم مسلحون موالون للنظام القرية", "pro_government_militia"),
        ("قتل المقاتلين الموالين للنظام خمسة مدنيين", "pro_government_militia"),
        ("اقتحمت شبيحة الأسد الحي", "pro_government_militia"),
        ("أقامت ميليشيات الدفاع الوطني حاجزا", "pro_government_militia"),
        ("قاتلت كتائب حزب الله العراقي قرب المقام", "pro_government_militia/iraqi_shia"),
        ("اشتبكت اللجان الشعبية الفلسطينية مع مقاتلين في المخيم", "pro_government_militia/pflp_gc"),
        # Hezbollah, Iran, Russia, Israel
        ("قصف مسلحو حزب الله القرى الحدودية", "hezbollah"),
        ("وصل عناصر الحرس الثوري إلى دمشق", "iran"),
        ("درب ضباط قوة القدس المقاتلين", "iran"),
        ("رست سفن الأسطول الروسي في طرطوس", "russia"),
        ("قصف سلاح الجو الإسرائيلي مركزا للأبحاث", "israel"),
        # generic opposition, case variants
        ("سيطرت قوات المعارضة على المطار", "opposition"),
        ("هاجم المعارضون المسلحون الحاجز", "opposition"),
        ("تقدم مقاتلو المعارضة السورية نحو المدينة", "opposition"),
        ("اقتحمت ألوية الجيش الحر الثكنة", "opposition"),
        ("شنت الكتائب الإسلامية المقاتلة هجوما", "opposition"),
        ("أعلن المجلس العسكري لمحافظة حلب بدء الهجوم", "opposition"),
        ("قال المجلس العسكري في دير الزور إنه سيطر على الحقل", "opposition"),
        # named factions
        ("خطف لواء شهداء اليرموك مراقبين دوليين", "opposition/yarmouk_martyrs"),
        ("سيطر مقاتلو لواء التوحيد على المدرسة", "opposition/liwa_al_tawhid"),
        ("هاجمت كتيبة أويس القرني سرية المدفعية", "opposition/owais_al_qarni"),
        ("أعلنت جبهة تحرير سوريا الإسلامية رفضها", "opposition/silf"),
        ("شاركت الجبهة الإسلامية السورية في المعركة", "opposition/sif"),
        ("قاتلت ألوية أحفاد الرسول في إدلب", "opposition/ahfad_al_rasoul"),
        ("استولى لواء عاصفة الشمال على المعبر", "opposition/asifat_al_shamal"),
        ("اقتحم جيش المهاجرين والأنصار الثكنة", "opposition/jaish_al_muhajireen"),
        ("قصف لواء الإسلام المطار", "opposition/jaish_al_islam"),
        ("فجرت كتائب الفاروق الإسلامية الحاجز", "opposition/farouq"),
        ("هاجمت كتائب أحرار الشام الإسلامية الكتيبة", "opposition/ahrar_al_sham"),
        ("سيطر لواء صقور الشام على التلة", "opposition/suqour_al_sham"),
        # Nusra / al-Qaeda's branches in 2013
        ("أعدم مقاتلو جبهة النصرة الجهادية الأسرى", "hts"),
        ("تبنى فرع القاعدة في سوريا التفجير", "hts"),
        ("أعلنت دولة العراق الإسلامية مسؤوليتها", "isis"),
        ("تبنى تنظيم القاعدة في العراق الهجوم", "isis"),
        ("هاجم مقاتلو الدولة الإسلامية البلدة", "isis"),
        # Kurdish forces
        ("اشتبكت الميليشيات الكردية مع الكتائب", "sdf"),
        ("سيطر المقاتلون الأكراد على الحي", "sdf"),
        ("طردت وحدات الحماية الشعبية المسلحين", "sdf"),
        # unidentified
        ("خطف مسلحون ملثمون الطبيب", "unknown"),
        ("اغتال مسلحون مجهولو الهوية الضابط", "unknown"),
    ],
)
def test_actor_alias_resolves(text: str, expected: str) -> None:
    assert expected in _ids(text), _actors(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the Free Army is not swallowed by a government alias's head ("قوات الجيش" + "الحر")
        ("قصفته قوات الجيش السوري الحر", ["opposition"]),
        ("تقدمت قوات الجيش الحر", ["opposition"]),
        # "مسلحين" alone is opposition; loyal gunmen are a militia
        ("هاجم مسلحين موالين للنظام الحي", ["pro_government_militia"]),
        # "الميليشيات" alone is pro-government; the Kurdish ones are not
        ("الميليشيات الكردية", ["sdf"]),
        # "كتائب" + "حزب الله": one Iraqi militia, not opposition plus Hezbollah
        ("كتائب حزب الله", ["pro_government_militia/iraqi_shia"]),
    ],
)
def test_longer_alias_wins(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected, _actors(text)


@pytest.mark.parametrize(
    "text",
    [
        # Egypt's SCAF: the bare council is no Syrian faction
        "تسلم المجلس العسكري السلطة بعد تنحي الرئيس",
        # the idea of an Islamic state in a political debate is not ISIS
        "دعا الشيخ إلى إقامة الدولة الإسلامية",
        # "لواء" as a banner in an idiom, and a rank before a name
        "رفعوا لواء العلوم الإسلامية",
    ],
)
def test_actor_ambiguity_guards(text: str) -> None:
    assert _actors(text) == []


# ---------------------------------------------------------------- sources
@pytest.mark.parametrize(
    "text, expected",
    [
        # monitors
        ("وقال رامي عبد الرحمن مدير المرصد", "monitor"),
        ("ذكرت الرابطة السورية لحقوق الإنسان", "monitor"),
        ("أفادت منظمة سواسية", "monitor"),
        # activist networks and media centres
        ("أفاد مركز حلب الإعلامي", "activist"),
        ("بث اتحاد تنسيقيات الثورة السورية", "activist"),
        ("نشرت شبكة سوريا مباشر", "activist"),
        ("قالت لجان التنسيق المحلية السورية", "activist"),
        ("قال نشطاء معارضون", "activist"),
        ("ذكر معارضون سوريون", "activist"),
        # eyewitnesses and unnamed sources
        ("قال أحد سكان الحي", "eyewitness"),
        ("روى الأهالي", "eyewitness"),
        ("بحسب مصادر مقربة من الفصائل", "local_source"),
        # medical, rescue, international
        ("قال طبيب ميداني", "medical"),
        ("أعلنت منظمة أطباء بلا حدود", "intl_org"),
        ("قالت فاليري آموس", "intl_org"),
        ("حذر الموفد الدولي", "intl_org"),
        ("أكدت منظمة التعاون الإسلامي", "intl_org"),
        ("أعلنت مراسلون بلا حدود", "intl_org"),
        ("قالت قوات الأندوف", "intl_org"),
        # Syrian government and state media
        ("قال وزير الخارجية السوري", "government"),
        ("أعلنت الرئاسة السورية", "government"),
        ("قال جهاد مقدسي", "government"),
        ("بث التليفزيون السوري", "government"),
        ("ذكرت الوكالة العربية السورية للأنباء", "government"),
        ("نشرت صحيفة البعث", "government"),
        ("عرضت قناة الدنيا", "government"),
        # armed groups and their spokesmen
        ("قال لؤي المقداد", "armed_group"),
        ("أعلن الناطق باسم الجيش السوري الحر", "armed_group"),
        ("ذكر المجلس العسكري لدمشق", "armed_group"),
        ("قال لواء شهداء اليرموك في بيان", "armed_group"),
        ("أعلنت دولة العراق الإسلامية", "armed_group"),
        ("قال مقاتلو المعارضة", "armed_group"),
        # opposition politicians and foreign officials
        ("وقال الخطيب", "official"),
        ("صرح غسان هيتو", "official"),
        ("قال المتحدث باسم الائتلاف", "official"),
        ("قال مسئول أمريكي", "official"),
        ("أكد لوران فابيوس", "official"),
        ("قال الناطق باسم الخارجية الأمريكية", "official"),
        # media
        ("ذكرت صحيفة السفير اللبنانية", "media"),
        ("نقلت صحيفة الحياة", "media"),
        ("بثت قناة العالم الإيرانية", "media"),
        ("أوردت وكالة الصحافة الفرنسية", "media"),
        ("قالت وكالة فارس للأنباء", "media"),
        ("ذكرت هيئة الإذاعة البريطانية", "media"),
        ("أفادت ريا نوفوستي", "media"),
        ("نشرت يديعوت أحرونوت", "media"),
        ("قالت المصري اليوم", "media"),
        # a report as anaphor
        ("وأضاف التقرير", "unspecified"),
    ],
)
def test_source_form_resolves(text: str, expected: str) -> None:
    assert expected in _types(text), _sources(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a newspaper whose name is a common word: the full name wins over the word
        ("صحيفة السفير", [("صحيفه السفير", "media")]),
        ("صحيفة الأخبار", [("صحيفه الاخبار", "media")]),
        # the word alone keeps its ordinary reading (an ambassador)
        ("السفير", [("السفير", "official")]),
        # an FSA coordinator is not the Syrian deputy foreign minister of the same surname
        ("لؤي المقداد", [("لوي المقداد", "armed_group")]),
    ],
)
def test_source_longest_form(text: str, expected: list[tuple[str, str]]) -> None:
    assert _sources(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "الحياة",  # life; the daily only behind صحيفة/جريدة
        "العالم",  # the world; the channel only as قناة العالم
        "سقطت القذائف يوم السابع من الشهر",  # not اليوم السابع the daily
        "رفعوا لافتة تحت شعار الحرية",  # الشعار (slogan) is not the interior minister
        "في شمال الكاميرون",  # Cameroon is not David Cameron
        "ملف العلاقات الخارجية",  # the adjective is no ministry
        "واعلن اعادة العلاقات الدبلوماسية بين البلدين",  # diplomatic relations are no diplomat
        "على الطريق الرئيسي في حمص",  # the main road is no president
        "في بلدة السفيرة بحلب",  # the town is no ambassador
    ],
)
def test_source_ambiguity_guards(text: str) -> None:
    assert _sources(text) == []


def test_bare_military_council_is_only_an_anaphor() -> None:
    # Egypt's SCAF as much as a Syrian council: no armed group, only "the council" named before
    assert _types("أصدر المجلس العسكري بيانا") == ["unspecified"]


def test_generic_heads_are_marked() -> None:
    lang = load_language("ar")
    norm = normalize("وكالة").text
    (m,) = lang.sources.find(norm)
    assert m.payload.generic and m.payload.type == "media"


# ---------------------------------------------------------------- end to end
def test_named_faction_is_the_perpetrator() -> None:
    text = "عنوان\nوسيطر مقاتلون من لواء شهداء اليرموك على حاجز عسكري في ريف درعا يوم الأحد."
    claims = extract(text, "2013-03-10").claims
    assert claims and claims[0].event == "territory_change"
    assert [p.actor for p in claims[0].perpetrators] == ["opposition/yarmouk_martyrs"]


def test_activist_media_centre_is_the_source() -> None:
    text = "عنوان\nوأفاد مركز حلب الإعلامي بأن قوات نظام بشار الأسد قصفت حي الصاخور بالمدفعية."
    claims = extract(text, "2013-02-02").claims
    assert claims and claims[0].event == "shelling"
    assert claims[0].source is not None and claims[0].source.type == "activist"
    assert [p.actor for p in claims[0].perpetrators] == ["sy_government"]


def test_opposition_leader_is_an_official_source() -> None:
    text = "عنوان\nوقال الخطيب إن قوات النظام اعتقلت مئات الطلاب في جامعة حلب."
    claims = extract(text, "2013-01-20").claims
    assert claims and claims[0].event == "detention"
    assert claims[0].source is not None and claims[0].source.type == "official"

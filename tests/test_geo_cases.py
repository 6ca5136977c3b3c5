"""The gazetteer against a table of hand-written sentences (sentence → place id, precision).

Each case: (sentence, surface text of the mention as written, expected place_id or
None for "left unresolved", expected precision).  Written for the tests in the style
of the reports; no corpus text.  ``python tests/test_geo_cases.py`` prints the accuracy.
"""

from __future__ import annotations

import pytest

from shahid.geo import Gazetteer, PlaceMention
from shahid.text.normalize import normalize

CASES: list[tuple[str, str, str | None, str]] = [
    # governorate capitals, bare and with clitics
    ("قصفت قوات النظام أحياء في حلب صباح اليوم", "حلب", "C1007", "town"),
    ("وفي حلب قتل خمسة مدنيين بقذائف الهاون", "حلب", "C1007", "town"),
    ("سقطت قذائف على مناطق عدة بحلب", "حلب", "C1007", "town"),
    ("وصل الوفد الأممي إلى دمشق مساء أمس", "دمشق", "C1001", "town"),
    ("انفجرت سيارة مفخخة وسط العاصمة دمشق", "العاصمة دمشق", "C1001", "town"),
    ("وفي دمشق، اعتقلت قوات الأمن عشرات الشبان", "دمشق", "C1001", "town"),
    ("خرجت مظاهرات في حمص وحماة", "حمص", "C2528", "town"),
    ("خرجت مظاهرات في حمص وحماة", "حماة", "C2987", "town"),
    ("تواصل القصف على حماه لليوم الثالث", "حماه", "C2987", "town"),
    ("سيطر مقاتلو المعارضة على أجزاء من إدلب", "إدلب", "C3871", "town"),
    ("سيطر مقاتلو المعارضة على أجزاء من ادلب", "ادلب", "C3871", "town"),
    ("وبإدلب قتل ثلاثة أطفال", "إدلب", "C3871", "town"),
    ("قصف الطيران الحربي مدينة الرقة", "مدينة الرقة", "C5710", "town"),
    ("والرقة شهدت اشتباكات عنيفة", "الرقة", "C5710", "town"),
    ("وبالرقة سقط عدد من القتلى", "الرقة", "C5710", "town"),
    ("نزح آلاف المدنيين من الرقة", "الرقة", "C5710", "town"),
    ("وصلت تعزيزات عسكرية للرقة", "لرقة", "C5710", "town"),
    ("اشتباكات عنيفة في دير الزور", "دير الزور", "C5086", "town"),
    ("اشتباكات عنيفة في ديرالزور", "ديرالزور", "C5086", "town"),
    ("قصف مدفعي على درعا", "درعا", "C5993", "town"),
    ("قتلى بقصف على مدينة درعا", "مدينة درعا", "C5993", "town"),
    ("تظاهر المئات في اللاذقية", "اللاذقية", "C3480", "town"),
    ("هدوء حذر في طرطوس", "طرطوس", "C5221", "town"),
    ("اشتباكات في الحسكة بين الطرفين", "الحسكة", "C4360", "town"),
    ("تجمع الأهالي في السويداء", "السويداء", "C6147", "town"),
    ("قصف على القنيطرة", "القنيطرة", "C6268", "town"),
    # governorates
    ("قتل عشرون شخصا في محافظة حلب", "محافظة حلب", "SY02", "governorate"),
    ("وفي محافظة إدلب قتل سبعة", "محافظة إدلب", "SY07", "governorate"),
    ("اشتباكات في محافظة دير الزور", "محافظة دير الزور", "SY09", "governorate"),
    ("حملة دهم في محافظة حماة", "محافظة حماة", "SY05", "governorate"),
    ("قصف عدة قرى في محافظة درعا", "محافظة درعا", "SY12", "governorate"),
    ("تحركات عسكرية في محافظة القنيطرة", "محافظة القنيطرة", "SY14", "governorate"),
    ("سيطرت المعارضة على مناطق واسعة من محافظة الرقة", "محافظة الرقة", "SY11", "governorate"),
    ("وبمحافظة الحسكة تجددت الاشتباكات", "محافظة الحسكة", "SY08", "governorate"),
    ("قصف على مدن وبلدات ريف دمشق", "ريف دمشق", "SY03", "governorate"),
    ("وفي ريف دمشق قتل عشرة أشخاص", "ريف دمشق", "SY03", "governorate"),
    ("معارك في الريف الدمشقي", "الريف الدمشقي", "SY03", "governorate"),
    ("قصف على أرياف دمشق", "أرياف دمشق", "SY03", "governorate"),
    # countryside regions
    ("غارات على بلدات في ريف حلب", "ريف حلب", "SY02-rif", "region"),
    ("وبريف إدلب قتل أربعة", "ريف إدلب", "SY07-rif", "region"),
    ("قصف مدفعي على ريف حماة", "ريف حماة", "SY05-rif", "region"),
    ("اشتباكات في ريف حمص", "ريف حمص", "SY04-rif", "region"),
    ("معارك في ريف اللاذقية", "ريف اللاذقية", "SY06-rif", "region"),
    ("قصف على قرى ريف درعا", "ريف درعا", "SY12-rif", "region"),
    ("تقدم للمعارضة في ريف الرقة", "ريف الرقة", "SY11-rif", "region"),
    ("قصف في ريف دير الزور", "ريف دير الزور", "SY09-rif", "region"),
    ("قصف عنيف على الريف الحلبي", "الريف الحلبي", "SY02-rif", "region"),
    ("غارات على الريف الإدلبي", "الريف الإدلبي", "SY07-rif", "region"),
    ("قصف على ريف حلب الشمالي", "ريف حلب الشمالي", "SY02-rif-north", "region"),
    ("معارك في ريف حماة الشمالي", "ريف حماة الشمالي", "SY05-rif-north", "region"),
    ("غارات على ريف إدلب الجنوبي", "ريف إدلب الجنوبي", "SY07-rif-south", "region"),
    ("اشتباكات في ريف دمشق الغربي", "ريف دمشق الغربي", "SY03-west", "region"),
    ("اشتباكات في ريف حلب الغربي", "ريف حلب الغربي", "SY02-rif-west", "region"),
    ("قصف على ريف القصير", "ريف القصير", "C2733-rif", "region"),
    # named regions
    ("حصار خانق على حلب الشرقية", "حلب الشرقية", "SY0200-reg-east-aleppo", "region"),
    ("غارات روسية على شرق حلب", "شرق حلب", "SY0200-reg-east-aleppo", "region"),
    ("قذائف على غرب حلب", "غرب حلب", "SY0200-reg-west-aleppo", "region"),
    ("سقطت قذائف على حلب الغربية", "حلب الغربية", "SY0200-reg-west-aleppo", "region"),
    ("دمار واسع في الأحياء الشرقية لحلب", "الأحياء الشرقية لحلب", "SY0200-reg-east-aleppo", "region"),
    ("قصف على الغوطة الشرقية بالصواريخ", "الغوطة الشرقية", "SY03-reg-eastern-ghouta", "region"),
    ("اشتباكات في الغوطة الغربية", "الغوطة الغربية", "SY03-reg-western-ghouta", "region"),
    ("حصار في جنوب دمشق", "جنوب دمشق", "SY0100-reg-south-damascus", "region"),
    ("اشتباكات في أحياء دمشق الجنوبية", "أحياء دمشق الجنوبية", "SY0100-reg-south-damascus", "region"),
    ("معارك في منطقة القلمون", "منطقة القلمون", "SY03-reg-qalamoun", "region"),
    ("قصف على جبل الزاوية", "جبل الزاوية", "SY07-reg-jabal-al-zawiya", "region"),
    ("غارات على سهل الغاب", "سهل الغاب", "SY05-reg-al-ghab", "region"),
    ("مجزرة في الحولة", "الحولة", "SY04-reg-houla", "region"),
    ("معارك في وادي بردى", "وادي بردى", "SY03-reg-wadi-barada", "region"),
    ("توتر في هضبة الجولان", "هضبة الجولان", "SY14-reg-golan", "region"),
    ("قصف على حمص القديمة", "حمص القديمة", "SY0401-reg-old-homs", "region"),
    ("نزوح نحو الحدود التركية", "الحدود التركية", "SY-reg-border-tr", "region"),
    ("توسع المعارك في شمال سوريا", "شمال سوريا", "SY-reg-north", "region"),
    ("غارات في جبل الأكراد", "جبل الأكراد", "SY06-reg-jabal-al-akrad", "region"),
    # neighbourhoods
    ("قصفت الطائرات حي الفردوس", "حي الفردوس", None, "neighbourhood"),  # Aleppo or Raqqa?
    ("قتل مدنيون في حي الفردوس بحلب", "حي الفردوس", "SY0200-nbh-firdous", "neighbourhood"),
    ("سقطت قذيفة على حي بستان القصر", "حي بستان القصر", "SY0200-nbh-bustan-al-qasr", "neighbourhood"),
    ("اشتباكات في بستان القصر", "بستان القصر", "SY0200-nbh-bustan-al-qasr", "neighbourhood"),
    ("معارك في حي صلاح الدين في حلب", "حي صلاح الدين", "SY0200-nbh-salah-al-din", "neighbourhood"),
    ("قصف على حي الشعار", "حي الشعار", "SY0200-nbh-shaar", "neighbourhood"),
    ("غارة على حي الكلاسة", "حي الكلاسة", "SY0200-nbh-kallasa", "neighbourhood"),
    ("قصف على السكري وبستان القصر في حلب", "السكري", "SY0200-nbh-sukkari", "neighbourhood"),
    ("اشتباكات في حي الشيخ مقصود", "حي الشيخ مقصود", "SY0200-nbh-sheikh-maqsoud", "neighbourhood"),
    ("قصف على مساكن هنانو", "مساكن هنانو", "SY0200-nbh-masakin-hanano", "neighbourhood"),
    ("تقدم القوات في حي الصاخور", "حي الصاخور", "SY0200-nbh-sakhour", "neighbourhood"),
    ("اشتباكات عند دوار جبل بدرو", "جبل بدرو", "SY0200-nbh-jabal-badro", "neighbourhood"),
    ("قذائف على حي جمعية الزهراء غرب حلب", "حي جمعية الزهراء", "SY0200-nbh-jamiyat-al-zahraa", "neighbourhood"),
    ("اقتحمت القوات حي بني زيد", "حي بني زيد", "SY0200-nbh-bani-zaid", "neighbourhood"),
    ("قصف على حي جوبر", "حي جوبر", "SY0100-nbh-jobar", "neighbourhood"),
    ("اشتباكات في جوبر شرق العاصمة", "جوبر", "SY0100-nbh-jobar", "neighbourhood"),
    ("حملة دهم في حي برزة", "حي برزة", "SY0100-nbh-barzeh", "neighbourhood"),
    ("قصف على حي القابون", "حي القابون", "SY0100-nbh-qaboun", "neighbourhood"),
    ("اشتباكات في حي القدم جنوب دمشق", "حي القدم", "SY0100-nbh-qadam", "neighbourhood"),
    ("اعتقالات في حي الدحاديل", "حي الدحاديل", "SY0100-nbh-dahadil", "neighbourhood"),
    ("انفجار في حي المزة", "حي المزة", "SY0100-nbh-mezzeh", "neighbourhood"),
    ("قذائف هاون على كفرسوسة", "كفرسوسة", "SY0100-nbh-kafr-sousa", "neighbourhood"),
    ("قذيفة في حي ركن الدين", "حي ركن الدين", "SY0100-nbh-rukn-al-din", "neighbourhood"),
    ("اشتباكات في حي التضامن", "حي التضامن", "SY0100-nbh-tadamon", "neighbourhood"),
    ("اشتباكات في حي العسالي", "حي العسالي", "SY0100-nbh-asali", "neighbourhood"),
    ("قصف على مخيم اليرموك", "مخيم اليرموك", "C1002", "town"),
    ("قصف على حي بابا عمرو", "حي بابا عمرو", "SY0401-nbh-baba-amr", "neighbourhood"),
    ("حصار حي الوعر", "حي الوعر", "SY0401-nbh-waer", "neighbourhood"),
    ("قصف على حي الخالدية في حمص", "حي الخالدية", "SY0401-nbh-khalidiya", "neighbourhood"),
    ("قصف على جورة الشياح", "جورة الشياح", "SY0401-nbh-jouret-al-shayah", "neighbourhood"),
    ("قصف على حي كرم الزيتون", "حي كرم الزيتون", "SY0401-nbh-karm-al-zeitoun", "neighbourhood"),
    ("مداهمات في حي الحاضر بحماة", "حي الحاضر", "SY0501-nbh-hader", "neighbourhood"),
    ("قصف على حي المختلطة في الرقة", "حي المختلطة", "SY1101-nbh-mukhtalata", "neighbourhood"),
    ("اشتباكات في حي الحويقة", "حي الحويقة", "SY0901-nbh-huweiqa", "neighbourhood"),
    ("قصف على درعا البلد", "درعا البلد", "SY1200-nbh-daraa-al-balad", "neighbourhood"),
    ("اشتباكات في درعا المحطة", "درعا المحطة", "SY1200-nbh-daraa-al-mahatta", "neighbourhood"),
    # neighbourhoods resolved by the city named in the text
    ("قصف على حي الميدان في دمشق", "حي الميدان", "SY0100-nbh-midan", "neighbourhood"),
    ("قصف على حي الميدان في حلب", "حي الميدان", "SY0200-nbh-midan", "neighbourhood"),
    ("تجددت الاشتباكات في حلب، وسقطت قذائف على حي الأنصاري", "حي الأنصاري", "SY0200-nbh-ansari",
     "neighbourhood"),
    ("قتل أربعة في حي القصور بدير الزور", "حي القصور", "SY0901-nbh-qusour", "neighbourhood"),
    ("قتل أربعة في حي القصور بحمص", "حي القصور", "SY0401-nbh-qusour", "neighbourhood"),
    ("حي الميدان يتعرض للقصف", "حي الميدان", None, "neighbourhood"),
    # towns and villages, with prefixes and clitics
    ("قصف على مدينة داريا", "مدينة داريا", "C2498", "town"),
    ("وفي داريا قتل ستة", "داريا", "C2498", "town"),
    ("غارات على دوما وحرستا", "دوما", "C2338", "town"),
    ("غارات على دوما وحرستا", "حرستا", "C2342", "town"),
    ("قصف على بلدة كفربطنا", "بلدة كفربطنا", "C2319", "town"),
    ("قصف على كفر بطنا", "كفر بطنا", "C2319", "town"),
    ("قتلى في بلدة اليادودة", "بلدة اليادودة", "C6032", "town"),
    ("معارك في خان العسل", "خان العسل", "C6428", "town"),
    ("سيطرت المعارضة على منطقة خان العسل", "منطقة خان العسل", "C6428", "town"),
    ("اشتباكات في بلدة خناصر", "بلدة خناصر", "C2169", "town"),
    ("مجزرة في قرية كرناز", "قرية كرناز", "C3469", "town"),
    ("قصف على كفرنبودة", "كفرنبودة", "C3209", "town"),
    ("غارات على بلدة تلعرن", "بلدة تلعرن", "C2137", "town"),
    ("قتلى في بلدة حاصل", "بلدة حاصل", "C2125", "town"),
    ("قصف على مدينة تلبيسة", "مدينة تلبيسة", "C2882", "town"),
    ("قصف على الرستن", "الرستن", "C2870", "town"),
    ("قصف على قرية الغنطو", "قرية الغنطو", "C2885", "town"),
    ("اشتباكات في السفيرة", "السفيرة", "C2154", "town"),
    ("قصف على مدينة معضمية الشام", "مدينة معضمية الشام", "C2499", "town"),
    ("قصف على المعضمية", "المعضمية", "C2499", "town"),
    ("اشتباكات في يبرود", "يبرود", "C2416", "town"),
    ("قصف على النبك", "النبك", "C2419", "town"),
    ("اشتباكات في عدرا", "عدرا", "C2331", "town"),
    ("قصف على عين ترما", "عين ترما", "C2315", "town"),
    ("قصف على جديدة الفضل", "جديدة الفضل", "SY030800-town-jdeidet-al-fadl", "town"),
    ("اشتباكات في قرية الجملة بريف درعا", "قرية الجملة", "C6024", "town"),
    ("اشتباكات في الحراك", "الحراك", "C6116", "town"),
    ("قصف على خربة غزالة في ريف درعا", "خربة غزالة", "C6012", "town"),
    ("دخلت القوات التركية إلى جرابلس", "جرابلس", "C2227", "town"),
    ("غارات على منبج", "منبج", "C1767", "town"),
    ("قصف على أعزاز", "أعزاز", "C1564", "town"),
    ("قصف على اعزاز", "اعزاز", "C1564", "town"),
    ("معارك في مدينة الباب", "مدينة الباب", "C1202", "town"),
    ("معارك في سراقب", "سراقب", "C3916", "town"),
    ("مظاهرة في كفرنبل", "كفرنبل", "C4068", "town"),
    ("مظاهرة في كفر نبل", "كفر نبل", "C4068", "town"),
    ("قصف على معرة النعمان", "معرة النعمان", "C3985", "town"),
    ("قصف على جسر الشغور", "جسر الشغور", "C4199", "town"),
    ("اشتباكات في تدمر", "تدمر", "C2889", "town"),
    ("سيطر التنظيم على الميادين", "الميادين", "C5192", "town"),
    ("اشتباكات في البوكمال", "البوكمال", "C5167", "town"),
    ("مظاهرة في القامشلي", "القامشلي", "C4564", "town"),
    ("قصف على سلقين", "سلقين", "C4140", "town"),
    ("قصف على تل رفعت", "تل رفعت", "C1621", "town"),
    ("قصف على عندان وحريتان", "عندان", "C1121", "town"),
    ("قصف على عندان وحريتان", "حريتان", "C1130", "town"),
    ("معارك في الزبداني ومضايا", "الزبداني", "C2429", "town"),
    # ambiguous names resolved by the place that locates them
    ("قصف على القصير بريف حمص", "القصير", "C2733", "town"),
    ("قتلى في بلدة القصير بريف درعا", "بلدة القصير", "C6017", "town"),
    ("قصف على عقربا في ريف دمشق", "عقربا", "C2292", "town"),
    ("اشتباكات في قرية عقربا بريف درعا", "قرية عقربا", "C6079", "town"),
    ("غارات على الكسوة بريف دمشق", "الكسوة", "C2280", "town"),
    ("اشتباكات في مدينة الطبقة بريف الرقة", "مدينة الطبقة", "C5929", "town"),
    ("قصف على معسكر الحامدية في ريف إدلب", "معسكر الحامدية", "SY07-site-hamidiyeh-camp", "site"),
    ("قصف على بلدة الحامدية بريف حماة", "بلدة الحامدية", "C6548", "town"),
    ("دخلت القوات إلى مضايا في ريف دمشق", "مضايا", "C2450", "town"),
    ("قصف على دوما في ريف السويداء", "دوما", "C6236", "town"),
    ("قصف على نوى بريف درعا", "نوى", "C6124", "town"),
    ("اشتباكات في رأس العين بريف الحسكة", "رأس العين", "C4988", "town"),
    ("قتلى في قرية الخالدية بريف حماة", "قرية الخالدية", None, "town"),
    # ambiguous names resolved by the article's other places
    ("قصفت قوات النظام ريف درعا. وفي نوى قتل ثلاثة", "نوى", "C6124", "town"),
    ("غارات على الغوطة الشرقية. وسقطت قذائف على الكسوة", "الكسوة", "C2280", "town"),
    # sites
    ("معارك في محيط مطار حلب الدولي", "مطار حلب الدولي", "SY02-site-aleppo-airport", "site"),
    ("قصف مطار النيرب العسكري", "مطار النيرب العسكري", "SY02-site-nayrab-airbase", "site"),
    ("حصار مطار منغ العسكري", "مطار منغ العسكري", "SY02-site-menagh-airbase", "site"),
    ("سيطرت المعارضة على مطار تفتناز", "مطار تفتناز", "SY07-site-taftanaz-airbase", "site"),
    ("هجوم على مطار دمشق الدولي", "مطار دمشق الدولي", "SY03-site-damascus-airport", "site"),
    ("إقلاع طائرات من مطار المزة العسكري", "مطار المزة العسكري", "SY01-site-mezzeh-airbase", "site"),
    ("سيطرت المعارضة على مطار الضبعة", "مطار الضبعة", "SY04-site-dabaa-airbase", "site"),
    ("حصار مطار أبو الظهور العسكري", "مطار أبو الظهور العسكري", "SY07-site-abu-al-duhur-airbase", "site"),
    ("قصف على مطار دير الزور العسكري", "مطار دير الزور العسكري", "SY09-site-deir-ez-zor-airport", "site"),
    ("اشتباكات حول مطار كويرس العسكري", "مطار كويرس العسكري", "SY02-site-kuweires-airbase", "site"),
    ("هجوم على مطار الجراح العسكري", "مطار الجراح العسكري", "SY02-site-jirah-airbase", "site"),
    ("اشتباكات في محيط اللواء 80", "اللواء 80", "SY02-site-brigade-80", "site"),
    ("حصار الفوج 46", "الفوج 46", "SY02-site-regiment-46", "site"),
    ("اشتباكات قرب ثكنة المهلب", "ثكنة المهلب", "SY02-site-muhallab-barracks", "site"),
    ("اقتحام أكاديمية الأسد العسكرية", "أكاديمية الأسد العسكرية", "SY02-site-assad-academy", "site"),
    ("قصف على مشفى الحياة", "مشفى الحياة", "SY02-site-hayat-hospital", "site"),
    ("قصف على مستشفى الحياة", "مستشفى الحياة", "SY02-site-hayat-hospital", "site"),
    ("انفجاران في جامعة حلب", "جامعة حلب", "SY02-site-aleppo-university", "site"),
    ("تظاهرة أمام جامعة دمشق", "جامعة دمشق", "SY01-site-damascus-university", "site"),
    ("تقرير عن سجن صيدنايا", "سجن صيدنايا", "SY03-site-sednaya-prison", "site"),
    ("استعصاء في سجن حلب المركزي", "سجن حلب المركزي", "SY02-site-aleppo-central-prison", "site"),
    ("معتقلون في فرع فلسطين", "فرع فلسطين", "SY01-site-palestine-branch", "site"),
    ("انفجار قرب فرع المخابرات الجوية في حلب", "فرع المخابرات الجوية", "SY02-site-air-force-intelligence",
     "site"),
    ("هجوم على فرع الأمن السياسي في دير الزور", "فرع الأمن السياسي", "SY09-site-political-security", "site"),
    ("جثث في نهر قويق", "نهر قويق", "SY02-site-queiq-river", "region"),
    ("اشتباكات على طريق مطار دمشق الدولي", "طريق مطار دمشق الدولي", "SY03-site-damascus-airport-road",
     "region"),
    ("قطع الطريق الدولي حلب-دمشق", "الطريق الدولي حلب-دمشق", "SY-site-m5", "region"),
    ("سيطرت المعارضة على معبر باب الهوى", "معبر باب الهوى", "SY07-site-bab-al-hawa", "site"),
    ("انفجار في ساحة الأمويين", "ساحة الأمويين", "SY01-site-umayyad-square", "site"),
    ("قصف قرب قلعة حلب", "قلعة حلب", "SY02-site-aleppo-citadel", "site"),
    # countries
    ("أعلنت الأمم المتحدة أن سوريا تشهد أزمة إنسانية", "سوريا", "SY", "country"),
    ("الوضع في سورية يتدهور", "سورية", "SY", "country"),
    ("لجأ آلاف السوريين إلى لبنان", "لبنان", "LB", "country"),
    ("عبر اللاجئون الحدود إلى تركيا", "تركيا", "TR", "country"),
    ("وصل لاجئون إلى الأراضي التركية", "الأراضي التركية", "TR", "country"),
    ("فر آلاف إلى الأردن", "الأردن", "JO", "country"),
    ("اتهمت دمشق إسرائيل بشن غارة", "إسرائيل", "IL", "country"),
    ("وصل لاجئون إلى العراق", "العراق", "IQ", "country"),
    ("سقطت قذيفة في بلدة عرسال اللبنانية", "بلدة عرسال", "LB-city-arsal", "town"),
    ("اشتباكات في مخيم الزعتري", "مخيم الزعتري", "JO-camp-zaatari", "site"),
    # English
    ("Shelling hit Aleppo and Idlib on Monday", "Aleppo", "C1007", "town"),
    ("Clashes were reported in Homs", "Homs", "C2528", "town"),
    ("Airstrikes on Eastern Ghouta", "Eastern Ghouta", "SY03-reg-eastern-ghouta", "region"),
    # site-type prefixes
    ("اشتباكات عند موقع حالات في ريف تلكلخ", "موقع حالات", "C2767", "town"),
    ("تقرير عن قصر تشرين الرئاسي", "قصر تشرين الرئاسي", "SY01-site-tishreen-palace", "site"),
    # second pass: a plural or dual type word governs every coordinated name
    ("شنت القوات حملة في أرياف دمشق وحماة وإدلب", "أرياف دمشق", "SY03", "governorate"),
    ("شنت القوات حملة في أرياف دمشق وحماة وإدلب", "حماة", "SY05-rif", "region"),
    ("شنت القوات حملة في أرياف دمشق وحماة وإدلب", "إدلب", "SY07-rif", "region"),
    ("وصلت تعزيزات إلى ريفي حلب وإدلب", "إدلب", "SY07-rif", "region"),
    ("تواصل القصف على محافظات إدلب والرقة ودرعا", "محافظات إدلب", "SY07", "governorate"),
    ("تواصل القصف على محافظات إدلب والرقة ودرعا", "الرقة", "SY11", "governorate"),
    ("تواصل القصف على محافظات إدلب والرقة ودرعا", "درعا", "SY12", "governorate"),
    ("نزحت آلاف العائلات من محافظتي حلب ودير الزور", "دير الزور", "SY09", "governorate"),
    ("تعرضت مدن وبلدات دوما وحرستا وعربين لقصف عنيف", "حرستا", "C2342", "town"),
    ("تعرضت مدن وبلدات الأتارب والباب للقصف", "الباب", "C1202", "town"),
    ("استهدفت الغارات مدينتا زملكا (شرق) ودوما", "دوما", "C2338", "town"),
    ("اقتحمت القوات حيي جوبر والقابون", "القابون", "SY0100-nbh-qaboun", "neighbourhood"),
    # second pass: a type word across a quotation mark, a verb's homograph in a list
    ('قصفت قوات النظام مدينة "دوما" بالصواريخ', 'مدينة "دوما', "C2338", "town"),
    ("وقع هجوم على القصير وتدمر فجر اليوم", "تدمر", "C2889", "town"),
    ("انفجرت سيارة مفخخة في تدمر وسط البلاد", "تدمر", "C2889", "town"),
    ("هدأت الاشتباكات في حي السيدة زينب بدمشق", "حي السيدة زينب", "C2299", "town"),
    # second pass: a locating place that contradicts the only candidate leaves it unresolved
    ("سقطت قذائف على قرية الغيضة بريف تلكلخ", "قرية الغيضة", None, "town"),
    ("دخل الجيش إلى حي جوبر غربي حمص", "حي جوبر", None, "neighbourhood"),
    # second pass: foreign cities named in Syrian reports
    ("عقدت القمة العربية في فاس قبل عقود", "فاس", "MA-city-fez", "town"),
    ("يجتمع أصدقاء سوريا في روما الخميس", "روما", "IT-city-rome", "town"),
]

# Sentences in which nothing must be found (common words that are also village names).
NEGATIVES: list[str] = [
    "قال الرئيس بشار الأسد في خطاب إن الثورة مؤامرة",
    "طالب المتظاهرون بالحرية والكرامة",
    "سقط عشرات الشهداء برصاص القوات",
    "بحث الجانبان سبل إحلال السلام",
    "وأشار إلى أن الحل السياسي هو السبيل الوحيد",
    "رفع المتظاهرون الشعار ذاته في الميدان",
    "قال محمد وعلي وحسن وعمر إنهم شاهدوا الحدث",
    "شارك في المشهد عدد من الصور المؤثرة",
    "تشهد المدينة حالة من التوتر وتعيش المحافظة أزمة",
    "أكد المصدر أن الجيش والقوات المسلحة بخير",
    "شهد شهر شباط تصعيدا وفي آذار تراجع القصف",
    "أعلن البيت الأبيض أنه يدعم الحل السلمي",
    "مظاهرات سلمية تطالب بإسقاط النظام",
    "دمر القصف عشرات المنازل",
    # second pass: ranks, titles and given names before a village name
    "قال الرائد أحمد للصحفيين إن الوضع هادئ",
    "وصرح العقيد خضر بأن الهجوم فشل",
    "قال المعارض منذر ماخوس إن الائتلاف مستعد للحوار",
    # words that are villages elsewhere: pronouns, verbs, adjectives, adverbs
    "انتقل الحديث منه وإليه عدة مرات",
    "تدمر المنزل بالكامل ولم يصب أحد",
    "الحي الذي تدمر لم يعد صالحا للسكن",
    "تلا الشيخ الآيات القرآنية الكريمة قبل الدفن",
    "يطالب الناس بالحياة الكريمة",
    "زار الوفد القلعة الأثرية وتفقد الأضرار",
    "أظهرت الصور أسلحة سورية متطورة",
    "كما كانت دوما تفعل في الماضي",
    "عاد القائم بالأعمال إلى بلاده",
    "تحدث عن التحدي القائم أمام الحكومة",
    # outlets, units and games named after places
    "ذكرت صحيفة نيويورك تايمز أن المفاوضات متعثرة",
    "قال مراسل قناة الميادين إن الاجتماع انتهى",
    "أعلن لواء شهداء اليرموك مسؤوليته عن العملية",
    "انطلقت مباراة كرة القدم مساء أمس",
    "درس الطالب في مدرسة اليرموك",
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load("SY")


def places(gaz: Gazetteer, sentence: str) -> list[tuple[str, PlaceMention]]:
    nt = normalize(sentence)
    return [(nt.slice_original(m.start, m.end), m) for m in gaz.find_places(nt.text)]


def _case_ok(gaz: Gazetteer, sentence: str, surface: str, pid: str | None, precision: str) -> bool:
    hits = [m for text, m in places(gaz, sentence) if text == surface]
    return bool(hits) and hits[0].place_id == pid and hits[0].precision == precision


def test_case_table_accuracy(gaz: Gazetteer) -> None:
    assert len(CASES) >= 150
    failures = [c for c in CASES if not _case_ok(gaz, *c)]
    accuracy = 1 - len(failures) / len(CASES)
    assert accuracy >= 0.97, f"accuracy {accuracy:.3f}; failures: {failures[:10]}"


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_common_words_are_not_places(gaz: Gazetteer, sentence: str) -> None:
    assert places(gaz, sentence) == []


def accuracy() -> tuple[float, list[tuple[str, str, str | None, str]]]:
    g = Gazetteer.load("SY")
    failures = [c for c in CASES if not _case_ok(g, *c)]
    return 1 - len(failures) / len(CASES), failures


if __name__ == "__main__":
    acc, fails = accuracy()
    print(f"{len(CASES)} cases, accuracy {acc:.3f}")
    for f in fails:
        print("FAIL", f)


def test_distributive_plural_gives_one_mention_per_name(gaz: Gazetteer) -> None:
    ms = places(gaz, "تواصلت العمليات في أرياف دمشق وحماة وإدلب")
    assert [(t, m.place_id) for t, m in ms] == [("أرياف دمشق", "SY03"), ("حماة", "SY05-rif"), ("إدلب", "SY07-rif")]
    # a singular type word does not distribute: "مدينة حلب وإدلب" keeps Idlib the city
    ms = places(gaz, "قصف على مدينة حلب وإدلب")
    assert [m.place_id for _, m in ms] == ["C1007", "C3871"]


def test_text_about_another_country_keeps_its_villages(gaz: Gazetteer) -> None:
    # a Palestinian village that shares its name with a Syrian one, in a text about Palestine
    ms = dict(places(gaz, "وثيقة تسجيل أراض في قرية البصة المدمرة قضاء مدينة عكا"))
    assert ms["قرية البصة"].place_id is None and ms["قرية البصة"].country == "IL"
    ms = dict(places(gaz, "صورة لمسيرة في مخيم الفارعة قرب نابلس"))
    assert ms["مخيم الفارعة"].place_id is None and ms["مخيم الفارعة"].country == "PS"
    # the same village in a Syrian report stays Syrian
    ms = dict(places(gaz, "قصفت القوات قرية البصة في ريف اللاذقية"))
    assert ms["قرية البصة"].country == "SY" and ms["قرية البصة"].place_id is not None
    # a Syrian report that names a neighbour keeps its villages Syrian
    ms = dict(places(gaz, "فر سكان قرية البصة إلى تركيا"))
    assert ms["قرية البصة"].country == "SY"


def test_contradicting_locator_gives_its_governorate(gaz: Gazetteer) -> None:
    ms = dict(places(gaz, "سقطت قذائف على قرية الغيضة بريف تلكلخ"))
    m = ms["قرية الغيضة"]
    assert m.place_id is None and m.admin1 == "Homs" and m.lat is None
    assert m.candidates and m.candidates[0]["admin1"] != "Homs"

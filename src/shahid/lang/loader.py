"""The one loader for language data: validate every YAML file, compile it once.

A language is a folder ``shahid/lang/<code>/`` of data files:

- ``morphology.yaml``  affixes the lexicon matcher allows
- ``triggers.yaml``    event words → event code (+ method, role)
- ``actors.yaml``      actor ids (finer ids under the spec's) and their aliases
- ``groups.yaml``      victim nouns → group id; count nouns → count kind
- ``attribution.yaml`` reporting verbs/markers → certainty; sources → source type
- ``cues.yaml``        structural cue words: clause openers, role prepositions, irrealis markers
- ``measures.yaml``    what a number measures when it is not people (days, km, money, shells, a year),
                       and the markers of a cumulative war toll; matched as cues
- ``numbers.yaml``, ``dates.yaml``  the word tables of the number and date grammars (``load_data``)

Loading raises :class:`LanguageDataError` naming the file and the entry at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from shahid.tag.lexicon import LexiconMatcher, Morphology
from shahid.text.normalize import normalize_key

EVENTS = (
    "attack", "airstrike", "shelling", "bombing", "execution", "killing", "detention", "torture",
    "sexual_violence", "siege", "displacement", "forced_recruitment", "casualties_found",
    "territory_change", "protest", "agreement",
)
METHODS = ("shooting", "burning", "shelling", "airstrike", "barrel_bomb", "chemical", "stabbing", "hanging",
           "explosive", "starvation", "other")
ACTOR_ROOTS = ("sy_government", "pro_government_militia", "hezbollah", "russia", "iran", "turkey",
               "us_coalition", "israel", "opposition", "hts", "isis", "sdf", "unknown")
GROUPS = ("civilians", "children", "women", "men", "elderly", "medical_staff", "journalists", "aid_workers",
          "fighters", "detainees", "residents", "people")
COUNT_KINDS = ("killed", "injured", "bodies", "displaced", "detained", "missing")
SOURCE_TYPES = ("eyewitness", "activist", "local_source", "media", "monitor", "rescue", "medical", "intl_org",
                "government", "armed_group", "official", "unspecified")
CERTAINTIES = ("asserted", "confirmed", "unconfirmed", "alleged", "denied")


def _one_of(allowed: tuple[str, ...], what: str) -> AfterValidator:
    """A validator: the value (when given) must be one of the spec's codes."""

    def check(v: str | None) -> str | None:
        if v is not None and v not in allowed:
            raise ValueError(f"unknown {what} {v!r}; one of {allowed}")
        return v

    return AfterValidator(check)


Event = Annotated[str, _one_of(EVENTS, "event")]
Method = Annotated[str | None, _one_of(METHODS, "method")]
CountKind = Annotated[str | None, _one_of(COUNT_KINDS, "count kind")]
GroupId = Annotated[str | None, _one_of(GROUPS, "group")]
Certainty = Annotated[str, _one_of(CERTAINTIES, "certainty")]
SourceType = Annotated[str, _one_of(SOURCE_TYPES, "source type")]


class LanguageDataError(ValueError):
    """A language data file is missing or invalid; the message names file and entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(v: str) -> str:
    try:
        re.compile(v)
    except re.error as e:
        raise ValueError(f"not a regex: {e}") from e
    return v


Regex = Annotated[str, AfterValidator(_compiles)]


class InflectionRule(_Strict):
    """``match`` (a regex) on a word → the forms ``re.sub(match, each of into, word)`` gives."""

    match: Regex
    into: list[str]


class ScriptEntry(_Strict):
    """A script whose letters alone name this language (language detection's shortcut,
    ``shahid.read.language``): a sample with at least ``min_letters`` letters, ``share`` of them
    ``letters``, and none of ``foreign`` (what other languages of the script add), is this language."""
    letters: Regex  # a character class
    foreign: Regex  # a character class
    share: float = Field(gt=0, le=1)
    min_letters: int = Field(gt=0)


class MorphologyFile(_Strict):
    version: int
    # the script shortcut of language detection; none: detection always asks its model
    script: ScriptEntry | None = None
    article: str
    # the clitic of purpose/genitive ("لـ"): a noun behind it names an act as a goal, not a report
    purpose_clitic: str
    # the proclitic of the future ("سيقصف"): a verb carrying it has not happened
    future_clitic: str = ""
    # possessive pronouns in the original spelling: a speaker's "سيطرته" speaks of itself
    pronoun_suffixes: list[str] = Field(default_factory=list)
    conjunctions: list[str]
    # the clitic conjunction that coordinates clauses and list items ("، و…")
    coordinator: str = ""
    prepositions: list[str]
    article_fusions: dict[str, str] = Field(default_factory=dict)
    suffixes: list[str]
    # a language whose inflections are not suffixes glued to a stem (English: "casualty" → "casualties",
    # "capture" → "captured", "drop" → "dropped"): the inflected forms of an entry's last word are made
    # at load time by the first rule whose pattern matches it, plus any irregular forms listed
    inflections: list[InflectionRule] = Field(default_factory=list)
    irregular: dict[str, list[str]] = Field(default_factory=dict)


TriggerRole = Literal["act", "casualty", "method"]


class TriggerEntry(_Strict):
    event: Event
    method: Method = None
    # act: names an act (قصف، أعدم); casualty: names its toll (قتلى، مقتل) and merges into an act
    # in the same clause; method: only says how, refining an act in the same clause
    role: TriggerRole = "act"
    # may a casualty word make a claim of its own when no act is in its clause?
    standalone: bool = True
    # ...only when a number counts it ("65 جثة" is news, "الجثث" alone refers back)
    needs_count: bool = False
    # verb forms whose grammatical subject is the victim (قُتل، سقط)
    passive: bool = False
    # count kind its numbers give when the noun next to the number does not say
    count_kind: CountKind = None
    suffixes: bool = True
    forms: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    # set by the loader on the copy that carries the noun forms
    nominal: bool = False
    # a fight between sides rather than one side's act: every side named is a party
    clash: bool = False
    # a cue (cues.yaml) the clause must hold for this word to name the event ("أجبر" is recruitment
    # only with "على القتال")
    needs_cue: str | None = None
    # names an instrument (a rocket, a car bomb, barrel bombs), not its use: an act only when the
    # clause says it was used (cue `use`: fell, exploded, was fired, hit) or gives a toll
    instrument: bool = False
    # taking people by force (abduction, kidnapping): a detention whose doer is not the law; event
    # benchmarks that follow PLOVER count it as ASSAULT (shahid.evaluation.gsr)
    abduction: bool = False
    # bringing down an aircraft ("shot down", "downed"): the means named beside it is its target, not how it
    # was done, and the side named right before that means owns it (its victim, not its doer)
    downs: bool = False





class TriggersFile(_Strict):
    version: int
    triggers: list[TriggerEntry]


class ActorEntry(_Strict):
    id: str
    name: str
    # 'state' forces, 'armed' non-state groups: decides the source type when an actor speaks
    kind: Literal["state", "armed", "foreign", "unknown"] = "armed"
    # the means this actor acts by: an air force's "قصف" is an air strike
    means: Literal["airstrike"] | None = None
    # a generic noun whose side is the story's country: a state's forces ("الجيش", "الشرطة") or armed
    # men ("مسلحون", "الفصائل"); ActorsFile.state_actors / armed_actors give the id
    generic: Literal["state", "armed"] | None = None
    suffixes: bool = True
    aliases: list[str]
    # adjectives naming the actor ("الإسرائيلية" in "الغارة الإسرائيلية"): the agent only right
    # after the act noun they qualify
    adjectives: list[str] = Field(default_factory=list)
    # set by the loader on the copy that carries the adjective forms
    adjective: bool = False

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if v.split("/")[0] not in ACTOR_ROOTS:
            raise ValueError(f"actor id {v!r} must extend one of {ACTOR_ROOTS}")
        return v


class ActorsFile(_Strict):
    version: int
    actors: list[ActorEntry]
    # names that contain an actor alias but are none of the conflict's actors (a former regime): matched
    # so that the longer name wins, then dropped
    not_actors: list[str] = Field(default_factory=list)
    # ISO2 country of a story → the actor id of its state's forces (a generic noun's id); "default"
    # when the story's country is unknown
    state_actors: dict[str, str] = Field(default_factory=dict)
    # the same for generic armed nouns; a country not listed gives "unknown"
    armed_actors: dict[str, str] = Field(default_factory=dict)

    @field_validator("state_actors", "armed_actors")
    @classmethod
    def _state_ids(cls, v: dict[str, str]) -> dict[str, str]:
        for cc, actor in v.items():
            if actor.split("/")[0] not in ACTOR_ROOTS:
                raise ValueError(f"[{cc}] = {actor!r} must extend one of {ACTOR_ROOTS}")
            if cc != "default" and not re.fullmatch(r"[A-Z]{2}", cc):
                raise ValueError(f"key {cc!r} must be an ISO2 code or 'default'")
        return v


# the payload of a not_actors match; extract drops it
NOT_AN_ACTOR = ActorEntry.model_construct(id="", name="(not a conflict actor)", kind="unknown", suffixes=False,
                                          aliases=[])


class GroupEntry(_Strict):
    group: GroupId = None
    # a count noun: the number next to it counts this kind (قتيل → killed)
    kind: CountKind = None
    suffixes: bool = True
    forms: list[str] = Field(default_factory=list)
    singular: list[str] = Field(default_factory=list)
    dual: list[str] = Field(default_factory=list)
    # the noun says what people are (refugees), not what happened to them: a casualty word next to its
    # number decides the count's kind ("تعرض 12 لاجئا للقتل" counts the killed)
    status: bool = False
    # set by the loader on the copies that carry the singular and dual forms
    number: int | None = None




class GroupsFile(_Strict):
    version: int
    groups: list[GroupEntry]


class ReportingEntry(_Strict):
    certainty: Certainty
    # says: "قال X إن …" (source follows the verb); according: "وفقا لـ X" (source follows the marker);
    # marker: certainty only ("تقارير غير مؤكدة"); passive: "أفيد بأن" (no named source)
    frame: Literal["says", "according", "marker", "passive"] = "says"
    # a warning, call or demand ("حذر من أن", "دعا إلى"): what it governs has not happened
    irrealis: bool = False
    # a verb of relaying ("نقلت الوكالة عن المرصد"): the source it relays from (cue `relayed_from` +
    # a source) is the claim's source, not the relay
    relay: bool = False
    # what a source calls something inside a clause ("غارة على ما قالت دمشق إنه مركز للبحوث"): it governs
    # only the acts after it (what it says), not the act before it that the outlet states
    after_only: bool = False
    # an accusing verb ("accused X of", "blamed on X"): the source after it is who is accused, not who
    # speaks, and the actor after it is no speaker
    names_accused: bool = False
    suffixes: bool = True
    forms: list[str]



class SourceEntry(_Strict):
    name: str
    type: SourceType
    # anaphora: a noun that refers back to an earlier named source (الوكالة، المرصد، اللجنة)
    anaphor: bool = False
    # a head noun that a name may follow ("وكالة" in "وكالة سانا"): the name wins
    generic: bool = False
    # a source only right after its verb (a capital for its government: "اتهمت دمشق")
    adjacent: bool = False
    # a document (a report, a study): the author named a few words after it ("تقرير للجنة تابعة
    # للأمم المتحدة") is the source, and the document named again later ("التقرير") is that author
    document: bool = False
    suffixes: bool = True
    forms: list[str]



class AttributionFile(_Strict):
    version: int
    reporting: list[ReportingEntry]
    sources: list[SourceEntry]


class CueEntry(_Strict):
    cue: str
    suffixes: bool = False
    forms: list[str]


class CuesFile(_Strict):
    version: int
    cues: list[CueEntry]
    # a claim whose sentence names no place (and no paragraph frame gives one) takes the story's place,
    # the first place under a country the text names (English wire copy names it in the lede and
    # reports the tolls after it; Arabic frames its paragraphs: "وفي X،")
    story_place: bool = False
    # a number's noun may follow it past a side's name or an adjective ("20 Islamic State fighters",
    # "13 pro-Assad fighters"): words of the `prenominal` cue or actor names (English); Arabic puts them
    # after the noun
    modifiers_before_noun: bool = False
    # a toll with no act of its own in the sentence after an act, and an act noun named by a definite
    # back-reference (cue `back_reference`: "the attack", "the strikes"), take the doer and the means of
    # the act the text named before (assemble/carry.py); English states the act once and its toll after
    carry_reference: bool = False
    # methods that replace a specific act's own method when the clause names them beside it as another
    # act ("an air strike that released toxic gas": chemical); Arabic names none
    means_over_act: list[str] = Field(default_factory=list)
    # a means named as the subject of an act verb refines it from this many words before it ("Fighter
    # jets thought to be Russian then hit the village": an air strike); 0: only a means beside the act
    subject_means_reach: int = 0
    # a side named by its place ("Damascus", "Moscow", "Turkey" as the state) names it only as a speaker's
    # or an act verb's subject or an accusation's object ("Damascus denied", "accused Damascus"); elsewhere
    # the name is the place ("a Damascus school", "in central Damascus", "the border with Turkey")
    place_actor_subject_only: bool = False
    # the subject stands before its verb: a word at a clause's opening that may be one act's verb or
    # another's noun is the noun ("Bomb kills 18": a bomb, not bombing from the air)
    subject_first: bool = False
    # a side counted among a clash's dead ("30 regime and 39 rebel fighters were killed in battles") is one
    # of its parties, and a clash whose only named side is its dead was fought by the other side of the
    # story's war (its state against its armed opposition)
    clash_victims_are_parties: bool = False
    # a number inside a date is never a count, wherever it stands ("June 3 2016 Regime bombing raids": 2016
    # counts no regime fighters); counts already skip a date's numbers, this also keeps them from naming
    # the actor after them as those counted
    date_numbers_no_count: bool = False
    # methods of which a report tells one act, its doer named once: a claim of one with no doer takes the
    # doer the report first names for an act of that method ("the chemical attack killed 86", the
    # accusation elsewhere "blamed the gas attack on Assad forces"); Arabic names none
    one_doer_per_method: list[str] = Field(default_factory=list)


MeasureCategory = Literal["time", "distance", "money", "weight", "quantity", "places", "buildings", "units",
                          "weapons", "vehicles", "events", "households", "population"]
MeasureMarker = Literal["year", "money", "population", "measure"]


class YearRange(_Strict):
    min: int
    max: int

    @field_validator("max")
    @classmethod
    def _order(cls, v: int, info: Any) -> int:
        if v <= info.data.get("min", v - 1):
            raise ValueError("years.max must be above years.min")
        return v


def _nonempty(forms: list[str]) -> list[str]:
    for f in forms:
        if not f or not f.strip():
            raise ValueError("an empty form")
    return forms


Forms = Annotated[list[str], AfterValidator(_nonempty)]


class MeasuresFile(_Strict):
    """Non-person units: what a number counts when it does not count people harmed."""

    version: int
    # nouns after a number: it measures them (population nouns count the displaced only)
    after: dict[MeasureCategory, Forms]
    # words right before a number: a year, a sum, a population, a measure
    before: dict[MeasureMarker, Forms]
    # phrases that make a toll the war's cumulative one (background)
    cumulative: Forms
    # a bare digit number in this range, with no person noun after it, is a year
    years: YearRange
    # a toll of killed/injured/missing this large is a running total (background)
    war_toll_from: int = Field(gt=0)

    def cue_entries(self) -> list[CueEntry]:
        """The tables as cue entries: "unit", "unit_population", "measure_before", "cumulative"."""
        out = [CueEntry(cue="unit_population" if cat == "population" else "unit", forms=forms)
               for cat, forms in self.after.items()]
        out += [CueEntry(cue="measure_before", forms=forms) for forms in self.before.values()]
        out.append(CueEntry(cue="cumulative", forms=self.cumulative))
        return out


# The number and date grammars keep their word tables in YAML too; these schemas check each
# table's presence and shape (the grammars check the words themselves).
class NumbersFile(_Strict):
    version: int
    clitics: dict[Any, Any]
    units: dict[Any, Any]
    units_compound_only: dict[Any, Any]
    ten: list[Any]
    tens: dict[Any, Any]
    hundred: list[Any]
    hundred_dual: list[Any]
    hundred_stems: dict[Any, Any]
    scales: dict[Any, Any]
    fractions: dict[Any, Any]
    ambiguous: list[Any]
    ambiguous_blockers: list[Any]
    ambiguous_next_stop: list[Any]
    vague: dict[Any, Any]
    vague_clitics_only: dict[Any, Any]
    qualifiers: dict[Any, Any]
    qualifier_clitics: list[Any]
    ranges: dict[Any, Any]
    percent: list[Any]
    weekday_lookalikes: list[Any]
    weekday_markers: list[Any]
    weekday_followers: list[Any]
    ordinals: list[Any]
    one_of_words: list[Any]
    not_definite_alone: list[Any]
    post_nominal: list[Any] = Field(default_factory=list)
    not_numbers: dict[Any, Any]


class DatesFile(_Strict):
    version: int
    weekdays: dict[Any, Any]
    weekday_block_after: dict[Any, Any]
    weekday_block_before: list[Any]
    ithnayn: dict[Any, Any]
    parts_of_day: list[Any]
    night_words: list[Any]
    pair_words: list[Any]
    day_words: list[Any]
    relative_days: dict[Any, Any]
    needs_context: list[Any]
    tomorrow_ok_after: list[Any]
    today_forms: list[Any]
    today_block_before: list[Any]
    today_block_after: list[Any]
    tonight_forms: list[Any]
    tonight_block_after: list[Any]
    modifiers: dict[Any, Any]
    months: dict[Any, Any]
    month_context_before: list[Any]
    month_weak_context_before: list[Any]
    ambiguous_months: list[Any]
    month_words: list[Any]
    hijri_months: dict[Any, Any]
    hijri_markers: list[Any]
    gregorian_markers: list[Any]
    date_joiners: list[Any]
    ordinal_days: dict[Any, Any]
    hours: dict[Any, Any]
    ago: dict[Any, Any]
    periods: dict[Any, Any]
    this_words: list[Any]
    period_block_before: list[Any]
    year_words: list[Any]
    future_allowance_days: int


class CountriesFile(_Strict):
    """Words that tie a story to a country (shahid.tag.country): nationality adjectives."""

    version: int
    adjectives: dict[str, list[str]]

    @field_validator("adjectives")
    @classmethod
    def _iso(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for cc in v:
            if not re.fullmatch(r"[A-Z]{2}", cc):
                raise ValueError(f"adjectives key {cc!r} must be an ISO2 code")
        return v


class EnNumbersFile(_Strict):
    """English number words (lang/en/numbers.py): a grammar of its own, so tables of their own."""

    version: int
    units: dict[str, int]
    tens: dict[str, int]
    hundred: list[str]
    scales: dict[str, int]
    # "a dozen", "a hundred": the article as the number one before a scale word
    one_words: list[str]
    vague: dict[str, int]
    # "dozens of", "scores of": vague words that count only with "of" after them
    vague_needs_of: list[str] = Field(default_factory=list)
    qualifiers: dict[str, dict[str, list[str]]]
    ranges: dict[str, list[str]]
    percent: list[str]
    change_words: list[str] = Field(default_factory=list)
    not_numbers: list[str] = Field(default_factory=list)


class EnDatesFile(_Strict):
    """English date words (lang/en/dates.py)."""

    version: int
    weekdays: dict[int, list[str]]
    months: dict[int, list[str]]
    relative_days: dict[str, int]
    parts_of_day: list[str]
    modifiers: dict[str, list[str]]
    periods: dict[str, list[str]]
    this_words: list[str]
    ago_words: list[str]
    ago_units: dict[str, list[str]]
    hours: list[str]
    future_allowance_days: int


_GRAMMAR_FILES: dict[str, type[BaseModel]] = {"numbers.yaml": NumbersFile, "dates.yaml": DatesFile,
                                              "countries.yaml": CountriesFile}
# a language whose grammar is its own reads its tables through its own schema
_LANGUAGE_GRAMMAR_FILES: dict[tuple[str, str], type[BaseModel]] = {
    ("en", "numbers.yaml"): EnNumbersFile, ("en", "dates.yaml"): EnDatesFile}


@cache
def load_script(code: str) -> ScriptEntry | None:
    """The script shortcut of a pack's ``morphology.yaml``, validated (no other table is loaded)."""
    return _validate(MorphologyFile, code, "morphology.yaml").script


def load_data(code: str, name: str) -> dict[str, Any]:
    """A grammar's word tables (``numbers.yaml``, ``dates.yaml``), validated, as plain data."""
    model = _LANGUAGE_GRAMMAR_FILES.get((code, name)) or _GRAMMAR_FILES.get(name)
    if model is None:
        raise LanguageDataError(f"lang/{code}/{name}: no schema for this file")
    data = _validate(model, code, name)
    if getattr(data, "version", None) != 1:
        raise LanguageDataError(f"lang/{code}/{name}: expected version 1")
    return data.model_dump()


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    morphology: Morphology
    triggers: LexiconMatcher
    actors: LexiconMatcher
    groups: LexiconMatcher
    reporting: LexiconMatcher
    sources: LexiconMatcher
    cues: LexiconMatcher
    actor_entries: dict[str, ActorEntry]
    trigger_entries: tuple[TriggerEntry, ...]
    # ISO2 → the id of that state's forces / of armed men in its stories (ActorsFile.state_actors,
    # armed_actors)
    state_actors: dict[str, str] = field(default_factory=dict)
    armed_actors: dict[str, str] = field(default_factory=dict)
    # measures.yaml: a bare digit number in this range is a year
    year_range: tuple[int, int] = (0, -1)
    # measures.yaml: a toll this large is the war's running total (0: no such bound)
    war_toll_from: int = 0
    # cues.yaml: a claim with no place of its own takes the story's first place
    story_place: bool = False
    # cues.yaml: a number's noun may follow it past actor names and `prenominal` words
    modifiers_before_noun: bool = False
    # cues.yaml: tolls and back-references take the doer and means of the act named before
    carry_reference: bool = False
    # cues.yaml: methods that replace a specific act's own method beside it
    means_over_act: frozenset[str] = frozenset()
    # cues.yaml: how far before an act verb its subject means refines it
    subject_means_reach: int = 0
    # cues.yaml: a side named by its place names it only as a subject ("Damascus denied")
    place_actor_subject_only: bool = False
    # cues.yaml: a clause-opening word that may be a verb or a noun is the noun ("Bomb kills 18")
    subject_first: bool = False
    # cues.yaml: the sides counted among a clash's dead are its parties
    clash_victims_are_parties: bool = False
    # cues.yaml: a number inside a date is never a count
    date_numbers_no_count: bool = False
    # cues.yaml: a doer-less act of these methods takes the doer the report first names for one
    one_doer_per_method: frozenset[str] = frozenset()


def _read(code: str, name: str) -> object:
    path = resources.files("shahid.lang").joinpath(code, name)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise LanguageDataError(f"lang/{code}/{name}: missing") from e
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as e:
        raise LanguageDataError(f"lang/{code}/{name}: not valid YAML: {e}") from e


_M = TypeVar("_M", bound=BaseModel)


def _validate(model: type[_M], code: str, name: str) -> _M:
    data = _read(code, name)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LanguageDataError(f"lang/{code}/{name}: at {where}: {first['msg']}") from e


def _morphology(m: MorphologyFile) -> Morphology:
    art = normalize_key(m.article)
    conj = [""] + [normalize_key(c) for c in m.conjunctions]
    prep = [""] + [normalize_key(p) for p in m.prepositions]
    fusions = {normalize_key(k): normalize_key(v) for k, v in m.article_fusions.items()}
    prefixes: set[str] = set()
    for c in conj:
        for p in prep:
            prefixes.add(c + p)
            prefixes.add(c + fusions.get(p, p + art))
    with_article = {p for p in prefixes if p.endswith(art) or any(p.endswith(f) for f in fusions.values())}
    suffixes = {""} | {normalize_key(s) for s in m.suffixes}
    return Morphology(art, frozenset(with_article), frozenset(prefixes), frozenset(suffixes), r"\w",
                      frozenset(p for p in prep if p), normalize_key(m.purpose_clitic),
                      tuple(m.pronoun_suffixes), normalize_key(m.future_clitic), normalize_key(m.coordinator))


@dataclass(frozen=True, slots=True)
class _Inflector:
    """A language's inflection rules (morphology.yaml ``inflections``, ``irregular``), compiled."""

    rules: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    irregular: dict[str, tuple[str, ...]]

    def inflect(self, form: str) -> list[str]:
        """The form and the inflections of its last word (the base first, no duplicates)."""
        head, _, last = form.rpartition(" ")
        word = last.lower()
        variants = [word]
        for pat, into in self.rules:
            if pat.search(word):
                variants += [pat.sub(t, word, count=1) for t in into]
                break
        variants += self.irregular.get(word, ())
        pre = head + " " if head else ""
        seen: dict[str, None] = {}
        for v in variants:
            seen.setdefault(pre + v if v != word else form, None)
        return list(seen)


_NO_INFLECTION = _Inflector((), {})


def _inflector(m: MorphologyFile) -> _Inflector:
    return _Inflector(tuple((re.compile(r.match), tuple(r.into)) for r in m.inflections),
                      {k.lower(): tuple(v) for k, v in m.irregular.items()})


def _forms_of(forms: list[str], payload: object, suffixes: bool,
           inflector: _Inflector = _NO_INFLECTION) -> list[tuple[str, object, bool, bool]]:
    """Form markers: a trailing '!' takes no suffixes (nor inflections); a leading '=' keeps its article
    (the text must have it too: "=المعارضة" is not the adjective "معارضة")."""
    out = []
    for f in forms:
        sfx, keep = suffixes, False
        if f.endswith("!"):
            f, sfx = f[:-1], False
        if f.startswith("="):
            f, keep = f[1:], True
        if sfx and inflector.rules:
            out.extend((g, payload, sfx, keep) for g in inflector.inflect(f))
        else:
            out.append((f, payload, sfx, keep))
    return out


@cache
def load_language(code: str = "ar") -> Language:
    """Load, validate and compile a language's data (once per process)."""
    mfile = _validate(MorphologyFile, code, "morphology.yaml")
    morph = _morphology(mfile)
    infl = _inflector(mfile)

    def _forms(forms: list[str], payload: object, suffixes: bool) -> list[tuple[str, object, bool, bool]]:
        return _forms_of(forms, payload, suffixes, infl)

    trig = _validate(TriggersFile, code, "triggers.yaml")
    actors = _validate(ActorsFile, code, "actors.yaml")
    groups = _validate(GroupsFile, code, "groups.yaml")
    attr = _validate(AttributionFile, code, "attribution.yaml")
    cues = _validate(CuesFile, code, "cues.yaml")
    measures = _validate(MeasuresFile, code, "measures.yaml")
    if measures.version != 1:
        raise LanguageDataError(f"lang/{code}/measures.yaml: expected version 1")
    seen: dict[str, ActorEntry] = {}
    for a in actors.actors:
        if a.id in seen:
            raise LanguageDataError(f"lang/{code}/actors.yaml: duplicate actor id {a.id!r}")
        seen[a.id] = a
    return Language(
        code=code,
        morphology=morph,
        triggers=LexiconMatcher(
            [x for t in trig.triggers for x in _forms(t.forms, t, t.suffixes)]
            + [x for t in trig.triggers
               for x in _forms(t.nouns, t.model_copy(update={"nominal": True}), t.suffixes)], morph),
        actors=LexiconMatcher([x for a in actors.actors for x in _forms(a.aliases, a, a.suffixes)]
                              + [x for a in actors.actors for x in _forms(
                                  a.adjectives, a.model_copy(update={"adjective": True}), a.suffixes)]
                              + _forms(actors.not_actors, NOT_AN_ACTOR, True), morph),
        groups=LexiconMatcher(
            [x for g in groups.groups for x in _forms(g.forms, g, g.suffixes)]
            + [x for g in groups.groups for x in _forms(g.singular, g.model_copy(update={"number": 1}), False)]
            + [x for g in groups.groups for x in _forms(g.dual, g.model_copy(update={"number": 2}), False)],
            morph),
        reporting=LexiconMatcher([x for r in attr.reporting for x in _forms(r.forms, r, r.suffixes)], morph),
        sources=LexiconMatcher([x for s in attr.sources for x in _forms(s.forms, s, s.suffixes)], morph),
        cues=LexiconMatcher([x for c in [*cues.cues, *measures.cue_entries()] for x in _forms(c.forms, c, c.suffixes)],
                            morph),
        actor_entries=seen,
        trigger_entries=tuple(trig.triggers),
        war_toll_from=measures.war_toll_from,
        state_actors=dict(actors.state_actors),
        armed_actors=dict(actors.armed_actors),
        year_range=(measures.years.min, measures.years.max),
        story_place=cues.story_place,
        modifiers_before_noun=cues.modifiers_before_noun,
        carry_reference=cues.carry_reference,
        means_over_act=frozenset(cues.means_over_act),
        subject_means_reach=cues.subject_means_reach,
        place_actor_subject_only=cues.place_actor_subject_only,
        subject_first=cues.subject_first,
        clash_victims_are_parties=cues.clash_victims_are_parties,
        date_numbers_no_count=cues.date_numbers_no_count,
        one_doer_per_method=frozenset(cues.one_doer_per_method),
    )

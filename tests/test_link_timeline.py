"""What the explorer's map and timeline read, on a ledger of the dev reports: the timeline
(``shahid.link.query.timeline``) has per day as many incidents as the incident list holds for that
day, and killed figures that add up to the ACLED export's fatalities (low/best/high) of the same
filtered set; the map's features (``features``, from columns) are the GeoJSON export's."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import sqlalchemy as sa

from shahid.link.export import geojson, write_acled_csv
from shahid.link.query import IncidentFilter, features, iter_incidents, timeline
from shahid.store import Store, open_store

pytestmark = pytest.mark.shared


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report-ar.txt"


def build_dev_ledger(store: Store, dev: Path, undated: Path | None = EXAMPLE) -> None:
    """Ingest the dev reports, each published on the day its file name gives, and the bundled
    example with no date (``undated``: its incidents are undated), and link them."""
    from shahid.ingest import ingest
    from shahid.link.store import link_store

    files = sorted(dev.glob("*.txt"))
    if not files:
        pytest.skip(f"no dev reports in {dev}")

    def day(p: Path) -> str:
        m = re.search(r"\d{4}-\d{2}-\d{2}", p.name)
        assert m, p.name
        return m.group(0)

    for d, group in itertools.groupby(sorted(files, key=day), key=day):
        ingest(list(group), store, published=d, jobs=1)
    if undated:
        ingest([undated], store, jobs=1)
    link_store(store)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Store:
    store = open_store(tmp_path_factory.mktemp("timeline") / "dev.db")
    build_dev_ledger(store, shared_dir / "eval" / "dev")
    return store


FILTERS = [
    IncidentFilter(),
    IncidentFilter(place="حلب"),  # the governorate catches its towns
    IncidentFilter(events=["shelling", "airstrike"]),
    IncidentFilter(grades=["corroborated"]),
    IncidentFilter(since="2013-02", until="2013-02"),
    IncidentFilter(place="دمشق", events=["killing"]),
]


def _export_by_day(store: Store, flt: IncidentFilter) -> dict[str, dict[str, int]]:
    buf = io.StringIO()
    write_acled_csv(iter_incidents(store, flt), buf, bom=False)
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"incidents": 0, "killed_low": 0, "killed_best": 0,
                                                          "killed_high": 0})
    for row in csv.DictReader(io.StringIO(buf.getvalue())):
        if not row["event_date"]:
            continue
        d = out[row["event_date"]]
        d["incidents"] += 1
        d["killed_low"] += int(row["fatalities_low"] or 0)
        d["killed_best"] += int(row["fatalities"] or 0)
        d["killed_high"] += int(row["fatalities_high"] or 0)
    return dict(out)


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.params().items()) or "all")
def test_timeline_agrees_with_the_incident_list_and_the_export(ledger: Store, flt: IncidentFilter) -> None:
    days = timeline(ledger, flt)
    listed = Counter(i["date"] for i in iter_incidents(ledger, flt) if i.get("date"))
    assert {d["day"]: d["incidents"] for d in days} == dict(listed)
    exported = _export_by_day(ledger, flt)
    assert {d["day"]: {k: v for k, v in d.items() if k != "day"} for d in days} == exported
    assert [d["day"] for d in days] == sorted(d["day"] for d in days)
    for d in days:
        assert d["incidents"] > 0
        assert 0 <= d["killed_low"] <= d["killed_best"] <= d["killed_high"]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.params().items()) or "all")
def test_features_are_the_geojson_export(ledger: Store, flt: IncidentFilter) -> None:
    fc = features(ledger, flt)
    assert fc == geojson(iter_incidents(ledger, flt))
    located = [i for i in iter_incidents(ledger, flt) if (i.get("place") or {}).get("lat") is not None]
    assert len(fc["features"]) == len(located)
    if flt.place or flt.events:
        assert fc["features"], "the dev ledger has located incidents for each filter tried"


def test_timeline_covers_the_dated_ledger_and_filters_narrow_it(ledger: Store) -> None:
    every = timeline(ledger)
    assert len(every) >= 10  # the dev reports span many days
    assert sum(d["killed_best"] for d in every) > 0
    aleppo = timeline(ledger, IncidentFilter(place="حلب"))
    assert 0 < sum(d["incidents"] for d in aleppo) < sum(d["incidents"] for d in every)
    by_day = {d["day"]: d for d in every}
    for d in aleppo:
        assert d["incidents"] <= by_day[d["day"]]["incidents"]
        assert d["killed_best"] <= by_day[d["day"]]["killed_best"]
    assert timeline(ledger, IncidentFilter(events=["no_such_event"])) == []


def test_killed_groups_are_not_summed(ledger: Store) -> None:
    """An incident whose claims give everyone killed and a group of them counts everyone once."""
    from shahid.link.query import killed

    seen = 0
    for inc in iter_incidents(ledger):
        ks = {c["group"]: c for c in inc["counts"] if c["kind"] == "killed"}
        if None in ks and len(ks) > 1:
            assert killed(inc) == (ks[None]["low"], ks[None]["best"], ks[None]["high"])
            seen += 1
    if not seen:
        pytest.skip("no incident in the dev ledger with a total and a group killed")


def test_the_migration_fills_the_killed_figures_of_an_older_ledger(tmp_path: Path, shared_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from shahid.store import migrations

    path = tmp_path / "old.db"
    with open_store(path) as store:
        build_dev_ledger(store, shared_dir / "eval" / "dev")
        before = timeline(store)
        with store.write() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
            assert not sa.inspect(conn).has_table("link_incident_cards")  # where the killed figures are
    with open_store(path) as store:  # opening migrates to head, backfilling from the stored records
        assert timeline(store) == before


@pytest.mark.postgres
def test_timeline_on_postgresql(pg_url: str, shared_dir: Path) -> None:
    with open_store(pg_url) as store:
        build_dev_ledger(store, shared_dir / "eval" / "dev")
        for flt in FILTERS[:3]:
            days = timeline(store, flt)
            assert {d["day"]: {k: v for k, v in d.items() if k != "day"} for d in days} == \
                _export_by_day(store, flt)
            assert features(store, flt) == geojson(iter_incidents(store, flt))

"""Find-an-officer on 1,000,000 officers in 500 departments (PostgreSQL, pg_trgm).

Loads the data with COPY into its own database (acc_bench_officers), then times typical
searches through `officer_search_page` (the page of 20, the capped count and the gallery
cards: what the view does) beside a naive `ILIKE '%x%'` over the names. Dropped at the end.

`--keep` loads into acc_bench_officers_kept instead, leaves it in place and reuses it on the
next `--keep` run (migrating it first), which saves the load while iterating on the search.
`--officers N` loads N officers instead of a million (on a busy machine).
`--scale national` loads 3,000,000 officers in 18,000 departments (issue #21), named with the
real frequencies of first and last names in the rosters the project ships (`data/public`:
Virginia's decertification lists and NYC CCRB's departure letters, about 700 officers), so
common names repeat as often as they do in real rosters; `--departments N` sets that count
alone.

The load works as pg_restore does: the loaded tables' indexes that back no constraint are
dropped and the trigger that writes the search table is switched off; after the COPYs, the
search tables are filled in one statement each (as migration 0007 fills them), the indexes are
built once and the trigger is switched back on; then VACUUM ANALYZE, as autovacuum would do.

Then the header's typeahead (`discovery.selectors.site_suggestions`: five officers, then
departments, oversight bodies and incidents) on the first letters people type, beside a naive
`ILIKE '%x%'` for the same five names.
"""

import argparse
import io
import random
import statistics
import time
import uuid

from bench import _officers_db

OFFICERS, DEPARTMENTS, REPEATS = 1_000_000, 500, 25
FIRST = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
    "José", "María", "Luis", "Sofía", "Wei", "Mei", "Ngozi", "Aisha", "Andre", "Renée", "Kevin", "Ashley",
    "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Dorothy",
]
STEMS = [
    "John", "Wil", "Gar", "Mar", "Ram", "Ok", "Chen", "Lop", "Dav", "Hern", "And", "Thom", "Jack", "Whit",
    "Harr", "Mart", "Rob", "Clark", "Lew", "Walk", "Hall", "All", "Young", "King", "Wright", "Scott", "Green",
    "Bak", "Ad", "Nel", "Hill", "Camp", "Mitch", "Rob", "Cart", "Phill", "Ev", "Turn", "Parr", "Coll", "Edw",
    "Stew", "Flor", "Mor", "Murph", "Cook", "Rog", "Gut", "Ort", "Peñ", "Nuñ", "Müll", "Sánch", "Ng", "Kim",
]
ENDINGS = ["son", "ez", "ski", "er", "ia", "afor", "ley", "ton", "s", "ins", "ard", "ell", "o", "man", "berg", ""]
RANKS = ["Officer", "Detective", "Sergeant", "Lieutenant", "Captain", "Commander"]
RACES = ["white", "black", "hispanic", "asian", "native_american", "other", "unknown"]
NULL = "\\N"


def roster_names() -> tuple[list[str], list[str]]:
    """First and last names of the officers in the shipped real rosters, each as often as it
    occurs there (sampling from these lists reproduces their frequencies)."""
    import csv
    import json
    from pathlib import Path

    public = Path(__file__).resolve().parent.parent / "data" / "public"
    firsts, lasts = [], []
    for name in ("va_decertified_present.csv", "va_decertified_prior.csv", "va_decertified_reinstated.csv"):
        with open(public / name, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                firsts.append(row["first_name"].strip().title())
                lasts.append(row["last_name"].strip().title())
    letters = json.loads((public / "nyc_ccrb_departure_letters.json").read_text(encoding="utf-8"))
    for letter in letters["departureLetters"]:
        firsts.append(letter["FirstName"].strip().title())
        lasts.append(letter["LastName"].strip().title())
    return [n for n in firsts if n], [n for n in lasts if n]


def load(rng: random.Random, names: tuple[list[str], list[str]] | None = None) -> dict:
    """COPY the departments, ranks, units, officers and assignments; return samples to query."""
    from django.db import connection

    from officers.models import Department, search_key

    first_names, last_names = names or (FIRST, sorted({stem + ending for stem in STEMS for ending in ENDINGS}))
    now = "2026-11-21 00:00:00+00"
    samples = {"last": [], "badge": [], "department": [], "first_last": []}
    with connection.cursor() as cursor:
        raw = cursor.connection.cursor()
        # Departments through the ORM (500 rows): every column the model has, defaults included.
        Department.objects.bulk_create(
            Department(
                id=d, publication_status="published", dataset="bench", name=f"Bench Department {d}",
                short_name=f"BD{d}", state="USA-IL", city=f"City {d}",
            )
            for d in range(1, DEPARTMENTS + 1)
        )
        ranks = "".join(
            f"{(d - 1) * len(RANKS) + i + 1}\t{now}\t{now}\t{d}\t{name}\t{i}\tt\n"
            for d in range(1, DEPARTMENTS + 1)
            for i, name in enumerate(RANKS)
        )
        raw.copy_expert(
            "COPY officers_rank (id, created_at, updated_at, department_id, name, \"order\", is_sworn) FROM STDIN",
            io.StringIO(ranks),
        )
        officers, assignments = io.StringIO(), io.StringIO()
        for n in range(1, OFFICERS + 1):
            department = rng.randint(1, DEPARTMENTS)
            first, last = rng.choice(first_names), rng.choice(last_names)
            badge = str(rng.randint(100, 99999))
            officers.write(
                f"{n}\t{now}\t{now}\tpublished\t\t\tbench\t\t\t{uuid.UUID(int=rng.getrandbits(128))}\t{department}\t{first}\t\t{last}\t\t"
                f"{rng.choice(RACES)}\t{rng.choice(['male', 'male', 'female'])}\t{rng.randint(1955, 2003)}\t{NULL}\tE{n:07d}\t"
                f"{search_key(first)}\t{search_key(last)}\t{badge}\t{NULL}\n"
            )
            rank = (department - 1) * len(RANKS) + rng.randint(1, len(RANKS))
            ended = rng.random() < 0.2
            assignments.write(
                f"{now}\t{now}\t{n}\t{badge}\t{rank}\t{NULL}\t2010-01-01\t{'2020-01-01' if ended else NULL}\n"
            )
            if n % 2000 == 0:
                samples["last"].append(last)
                samples["badge"].append(badge)
                samples["department"].append(department)
                samples["first_last"].append((first, last, department))
        officers.seek(0)
        assignments.seek(0)
        dropped_indexes = _upkeep_off(cursor)
        raw.copy_expert(
            "COPY officers_officer (id, created_at, updated_at, publication_status, source_url, foia_number, dataset, source_file, source_row, public_id, department_id, first_name, middle_name, last_name, suffix, race, gender, birth_year, employment_date, internal_id, search_first_name, search_last_name, search_badges, merged_into_id) FROM STDIN",
            officers,
        )
        raw.copy_expert(
            "COPY officers_assignment (created_at, updated_at, officer_id, badge_number, rank_id, unit_id, start_date, end_date) FROM STDIN",
            assignments,
        )
        _upkeep_on(cursor, dropped_indexes)
        # As autovacuum would soon after a bulk load: statistics, and the visibility map that
        # lets the name-order indexes answer without reading the table.
        cursor.execute("VACUUM ANALYZE")
    return samples


# The tables `load` COPYs into, with the search tables the officers' trigger writes.
LOADED_TABLES = (
    "officers_officer", "officers_assignment", "officers_officersearch", "officers_officersearchname",
)


def _upkeep_off(cursor) -> list[str]:
    """Before a bulk load, as pg_restore does: drop the loaded tables' indexes that back no
    constraint (returning their definitions) and switch off the trigger that writes the search
    table. Kept up to date one row at a time (two trigram indexes among 22), three million
    officers took 12 minutes to COPY."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
        [list(LOADED_TABLES)],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    cursor.execute("ALTER TABLE officers_officer DISABLE TRIGGER officers_search_insert")
    return [definition for _name, definition in indexes]


def _upkeep_on(cursor, indexes: list[str]) -> None:
    """After the bulk load: fill the search tables in one statement each, as migration 0007
    does for existing officers, build the dropped indexes once and switch the trigger back on."""
    from importlib import import_module

    search = import_module("officers.migrations.0007_officer_search_table")
    cursor.execute("SET maintenance_work_mem = '1GB'")
    cursor.execute(
        f"INSERT INTO officers_officersearch ({search.COLUMNS}) "
        f"{search.ROWS.format(officers='officers_officer')}"
    )
    cursor.execute(search.NAMES.format(officers="officers_officer"))
    for definition in indexes:
        cursor.execute(definition)
    cursor.execute("ALTER TABLE officers_officer ENABLE TRIGGER officers_search_insert")
    cursor.execute("RESET maintenance_work_mem")


def kept_samples() -> dict:
    """The samples `load` would have returned, read back from a database it loaded before."""
    from django.db import connection

    samples = {"last": [], "badge": [], "department": [], "first_last": []}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o.first_name, o.last_name, o.department_id, a.badge_number "
            "FROM officers_officer o JOIN officers_assignment a ON a.officer_id = o.id "
            "WHERE o.id % 2000 = 0 ORDER BY o.id"
        )
        for first, last, department, badge in cursor.fetchall():
            samples["last"].append(last)
            samples["badge"].append(badge)
            samples["department"].append(department)
            samples["first_last"].append((first, last, department))
    return samples


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def typeahead(samples: dict) -> None:
    """Time the header's suggestions as a person types, and a naive query for the same names."""
    from django.db import connection

    from discovery.selectors import site_suggestions

    cases = {
        "first 3 letters of a last name": lambda i: samples["last"][i][:3],
        "first 5 letters of a last name": lambda i: samples["last"][i][:5],
        "first name + first 3 of the last": lambda i: f"{samples['first_last'][i][0]} {samples['first_last'][i][1][:3]}",
        "badge number": lambda i: samples["badge"][i],
    }
    print(f"\n{'typeahead (site_suggestions)':<44}{'p50 ms':>9}{'p95 ms':>9}{'officers':>11}")
    every = []
    for label, make in cases.items():
        times, found = [], []
        for i in range(REPEATS):
            text = make(i)
            answer = {}
            times.append(timed(lambda: answer.setdefault("s", site_suggestions(q=text))))
            found.append(sum(1 for s in answer["s"] if s.kind == "officer"))
        every += times
        p50, p95 = percentiles(times)
        print(f"{label:<44}{p50:>9.1f}{p95:>9.1f}{statistics.mean(found):>11.1f}")
    t50, t95 = percentiles(every)
    print(f"{'all typeahead queries':<44}{t50:>9.1f}{t95:>9.1f}")
    naive = []
    with connection.cursor() as cursor:
        for i in range(REPEATS):
            fragment = f"%{samples['last'][i][:3]}%"

            def run():
                cursor.execute(
                    "SELECT id FROM officers_officer WHERE first_name || ' ' || last_name ILIKE %s "
                    "ORDER BY last_name, first_name LIMIT 5",
                    [fragment],
                )
                cursor.fetchall()

            naive.append(timed(run))
    n50, n95 = percentiles(naive)
    print(f"{'naive ILIKE %x% LIMIT 5 (first 3 letters)':<44}{n50:>9.1f}{n95:>9.1f}")
    print(f"typeahead p95 {t95:.1f} ms (target ≤ 50 ms: {'met' if t95 <= 50 else 'NOT met'}); naive / typeahead p95 = {n95 / t95:.1f}x")


def main() -> None:
    global OFFICERS, DEPARTMENTS
    parser = argparse.ArgumentParser(prog="python -m bench officers_search")
    parser.add_argument(
        "--keep", action="store_true", help="keep the loaded database for the next --keep run"
    )
    parser.add_argument("--officers", type=int, default=None, help="how many officers to load")
    parser.add_argument("--departments", type=int, default=None, help="how many departments")
    parser.add_argument("--scale", choices=["city", "national"], default="city",
                        help="national: 3,000,000 officers in 18,000 departments, names from real rosters")
    arguments = parser.parse_args()
    keep = arguments.keep
    national = arguments.scale == "national"
    OFFICERS = arguments.officers or (3_000_000 if national else OFFICERS)
    DEPARTMENTS = arguments.departments or (18_000 if national else DEPARTMENTS)
    names = roster_names() if national else None
    database = f"{_officers_db.BENCH_DB}_kept{'_national' if national else ''}" if keep else _officers_db.BENCH_DB
    _officers_db.create(database, fresh=not keep)
    try:
        from django.db import connection

        from officers.models import Officer
        from officers.search.selectors import OfficerCriteria, officer_search_page

        if keep and Officer.objects.exists():
            samples = kept_samples()
            print(f"reusing the {OFFICERS:,} officers kept in {database}")
        else:
            started = time.perf_counter()
            samples = load(random.Random(11), names)
            seconds = time.perf_counter() - started
            print(f"loaded {OFFICERS:,} officers in {DEPARTMENTS:,} departments in {seconds:.0f} s")

        def typo(name: str) -> str:
            i = len(name) // 2
            return name[:i] + name[i + 1 :] if len(name) > 5 else name + "e"

        cases = {
            "name fragment, all departments": lambda i: OfficerCriteria(q=samples["last"][i][1:5]),
            "full last name + department": lambda i: OfficerCriteria(q=samples["last"][i], department_id=samples["department"][i]),
            "first + last name, all departments": lambda i: OfficerCriteria(first_name=samples["first_last"][i][0], last_name=samples["first_last"][i][1]),
            "badge number, all departments": lambda i: OfficerCriteria(badge=samples["badge"][i]),
            "last name with a typo, all departments": lambda i: OfficerCriteria(last_name=typo(samples["last"][i])),
            "department + rank + race + gender + age": lambda i: OfficerCriteria(
                department_id=samples["department"][i], rank=RANKS[i % len(RANKS)], races=("black",), genders=("female",), min_age=30, max_age=50),
            "department + currently employed, page 3": lambda i: OfficerCriteria(department_id=samples["department"][i], currently_employed=True),
        }
        all_times = []
        print(f"{'query (through officer_search_page)':<44}{'p50 ms':>9}{'p95 ms':>9}{'hits(avg)':>11}")
        for label, make in cases.items():
            times, hits = [], []
            for i in range(REPEATS):
                criteria = make(i)
                page_number = 3 if "page 3" in label else 1
                result = {}
                times.append(timed(lambda: result.setdefault("page", officer_search_page(criteria=criteria, page=page_number))))
                hits.append(result["page"].count)
            all_times += times
            p50, p95 = percentiles(times)
            print(f"{label:<44}{p50:>9.1f}{p95:>9.1f}{statistics.mean(hits):>11,.0f}")
        p50, p95 = percentiles(all_times)
        print(f"{'all typical queries':<44}{p50:>9.1f}{p95:>9.1f}")

        naive = []
        with connection.cursor() as cursor:
            for i in range(REPEATS):
                fragment = f"%{samples['last'][i][1:5]}%"

                def run():
                    cursor.execute(
                        "SELECT id FROM officers_officer WHERE first_name || ' ' || last_name ILIKE %s "
                        "ORDER BY last_name, first_name LIMIT 20",
                        [fragment],
                    )
                    cursor.fetchall()
                    cursor.execute(
                        "SELECT count(*) FROM officers_officer WHERE first_name || ' ' || last_name ILIKE %s",
                        [fragment],
                    )
                    cursor.fetchall()

                naive.append(timed(run))
        n50, n95 = percentiles(naive)
        print(f"{'naive ILIKE %x% on names (page + count)':<44}{n50:>9.1f}{n95:>9.1f}")
        f50, f95 = percentiles([t for t in all_times[:REPEATS]])
        print(f"name fragment: naive / indexed p95 = {n95 / f95:.1f}x; all typical p95 {p95:.1f} ms (target ≤ 50 ms: {'met' if p95 <= 50 else 'NOT met'})")
        typeahead(samples)
    finally:
        if not keep:
            _officers_db.drop(database)

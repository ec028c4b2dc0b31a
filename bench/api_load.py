"""Partner API under load: gunicorn + PostgreSQL + Redis on 127.0.0.1, wrk with 32 connections.

Measures requests/s and p50/p99 of metered Bad Apple calls (/API/Oversight/ for a state, cost 1;
/API/BA/ for a state and year, cost 3), a department by id, an /api/v1/officers/ page and, as the
ceiling, the trivial unmetered /healthz JSON view on the same server (same gunicorn settings);
then checks that the credits consumed equal the credits of the metered requests answered.

Needs: DATABASE_URL (PostgreSQL), REDIS_URL, and wrk (`apt-get install wrk`).
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/acc_bench REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python -m bench api_load [--duration 10] [--workers 4] [--threads 2] [--no-answer-cache] [--vary] \
            [--rounds N]

Each target is measured between two runs of the ceiling and compared with their mean (this
machine's speed moves by a third from minute to minute); `--rounds N` measures every target N
times and reports medians, with each round's share and the worst p99.

The same query is repeated, so with the answer cache on (the default with Redis) the metered
calls are answered from it after the first; `--no-answer-cache` measures every call's queries,
and `--vary` makes every request a different query (City and name filters spelt differently,
officers pages of different sizes, orders and filters), issue #21's never-repeating mix.
"""

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import statistics
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 32
THREADS = 2

# Per-thread counters of requests sent and non-2xx answers, summed in done(): "requests made"
# includes those still in flight when wrk stops, which the server answers (and meters) anyway.
WRK_SCRIPT = """
local THREADS = @THREADS@
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
init = function(args)
  sent = 0
  bad = 0
  wrk.headers["API-Key"] = os.getenv("BENCH_KEY")
  for name, value in string.gmatch(os.getenv("BENCH_HEADERS") or "", "([^:|]+):([^|]+)") do
    wrk.headers[name] = value
  end
  vary = os.getenv("BENCH_VARY") or ""
  first = tonumber(os.getenv("BENCH_FIRST") or "0")
end

-- The n-th of the distinct spellings of `word`'s substrings of 2+ letters, each in every mix of
-- upper and lower case ("montpelier": ~4,000): the same records, a different query each time.
local function variant(word, n)
  local total = 0
  for size = 2, #word do total = total + (#word - size + 1) * 2 ^ size end
  n = n % total
  for size = #word, 2, -1 do
    for start = 1, #word - size + 1 do
      if n < 2 ^ size then
        local out = {}
        for i = 1, size do
          local ch = word:sub(start + i - 1, start + i - 1)
          out[i] = (math.floor(n / 2 ^ (i - 1)) % 2 == 1) and ch:upper() or ch:lower()
        end
        return table.concat(out)
      end
      n = n - 2 ^ size
    end
  end
end

local orderings = {"last_name", "-last_name", "first_name", "-first_name", "birth_year", "-birth_year",
                   "employment_date", "-employment_date", "updated_at", "-updated_at"}

request = function()
  sent = sent + 1
  if vary == "" then
    return wrk.format()
  end
  -- Threads take interleaved numbers, so no two requests of a run are the same; a later round
  -- goes on from the numbers the earlier ones used (BENCH_FIRST).
  local n = first + (sent - 1) * THREADS + tid - 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  if vary == "city" then
    headers["City"] = variant("montpelier", n)
    return wrk.format("GET", wrk.path, headers)
  elseif vary == "name" then
    return wrk.format("GET", wrk.path .. "?name=" .. variant("department", n), headers)
  elseif vary == "page" then
    local size = 20 + n % 31
    local ordering = orderings[math.floor(n / 31) % 10 + 1]
    local state = (math.floor(n / 310) % 2 == 1) and "&state=USA-VT" or ""
    local current = (math.floor(n / 620) % 2 == 1) and "&currently_employed=true" or ""
    local page = math.floor(n / 1240) % 2 + 1
    return wrk.format("GET", string.format("%s&page_size=%d&ordering=%s&page=%d%s%s",
      wrk.path, size, ordering, page, state, current), headers)
  end
end
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local total_sent, total_bad = 0, 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_bad = total_bad + thread:get("bad")
  end
  io.write(string.format("p50_us=%d p99_us=%d sent=%d non2xx=%d\\n",
    latency:percentile(50), latency:percentile(99), total_sent, total_bad))
end
"""


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


BENCH_STATE = "USA-VT"
BENCH_DEPARTMENT = "Bench Police Department"


def _seed() -> tuple[int, str, object]:
    """The benchmark's records (made once, reused by later runs) and a fresh key."""
    from django.core.management import call_command

    from api.services import partner_key_create
    from officers.models import Department
    from tests.factories import (
        AssignmentFactory,
        CommissionFactory,
        ComplaintLinkFactory,
        DepartmentFactory,
        FindingFactory,
        OfficerFactory,
        ReportFactory,
    )

    call_command("migrate", verbosity=0)
    department = Department.objects.filter(name=BENCH_DEPARTMENT).first()
    if department is None:
        department = DepartmentFactory(name=BENCH_DEPARTMENT, state=BENCH_STATE, city="Montpelier")
        officers = [OfficerFactory(department=department) for _ in range(60)]
        for officer in officers:
            AssignmentFactory(officer=officer)
        # A state's oversight bodies (as /API/Oversight/ returns them) and a year of reports.
        for n in range(5):
            commission = CommissionFactory(
                name=f"Bench Review Board {n}", state=BENCH_STATE, city="Montpelier",
                address="1 Main Street\nMontpelier, VT 05602", press_contacts="press@example.org 802-555-0100",
                departments=[department],
            )
            ComplaintLinkFactory(commission=commission)
            ComplaintLinkFactory(commission=commission, kind="information")
        for officer in officers[:10]:
            report = ReportFactory(officer=officer, incident_date=dt.date(2021, 6, 1))
            FindingFactory(report=report)
            FindingFactory(report=report, policy_category="arrest_and_booking", outcome="not_sustained")
    key, secret = partner_key_create(organisation="Benchmark", weekly_quota=10_000_000)
    return department.pk, secret, key


def _wait_for(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def _wrk(url: str, headers: dict, secret: str, duration: int, script: Path, vary: str = "",
         connections: int = CONNECTIONS, first: int = 0) -> dict:
    out = subprocess.run(
        ["wrk", "-t", str(THREADS), "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s", "--latency",
         "-s", str(script), url],
        capture_output=True, text=True, check=True,
        env={**os.environ, "BENCH_KEY": secret, "BENCH_HEADERS": "|".join(f"{k}:{v}" for k, v in headers.items()),
             "BENCH_VARY": vary, "BENCH_FIRST": str(first)},
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    fields = dict(re.findall(r"(\w+)=(\d+)", out.splitlines()[-1]))
    return {"rps": rps, "p50": int(fields["p50_us"]) / 1000, "p99": int(fields["p99_us"]) / 1000,
            "sent": int(fields["sent"]), "non2xx": int(fields["non2xx"])}


def _settled(key, access_log: Path) -> tuple[int, int, int]:
    """(credits used, metered 200s, their credits) once the server has answered everything
    still queued and written its access log: both unchanged for 1 s (on a loaded machine the
    log line of a request can come well after its charge)."""
    from api import metering

    last = None
    while True:
        state = (metering.peek(meter_id=key.public_id, key_id=key.pk, quota=key.weekly_quota).used,
                 *_metered_answers(access_log))
        if state == last:
            return state
        last = state
        time.sleep(1)


def _metered_answers(access_log: Path) -> tuple[int, int]:
    """(metered requests the server answered 200, the credits they cost), counted from
    gunicorn's own access log; a Bad Apple report query (/API/BA/) costs 3, the others 1."""
    lines = access_log.read_text().splitlines() if access_log.exists() else []
    answered = [line for line in lines if line.startswith(("/api/v1/", "/API/")) and line.endswith(" 200")]
    return len(answered), sum(3 if line.startswith("/API/BA/") else 1 for line in answered)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench api_load")
    parser.add_argument("--duration", type=int, default=10, help="seconds per target")
    # Two processes per core: a request waiting on PostgreSQL or Redis leaves its core to
    # another process; two threads each so a worker can take its next request while one
    # waits, but no more, since threads of one process share the GIL (3 × 4 threads measured
    # 25–45 % below 4 × 2 for the metered calls on this 2-core machine).
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    # 32 connections keep four times as many requests waiting as the server has threads: the
    # throughput ceiling, with latency that is mostly queueing. 8 (one per server thread) shows
    # the latency a partner sees when the server is busy but not oversubscribed.
    parser.add_argument("--connections", type=int, default=CONNECTIONS, help="wrk connections")
    parser.add_argument("--no-answer-cache", action="store_true",
                        help="switch the answer cache off: every metered call runs its queries")
    parser.add_argument("--vary", action="store_true",
                        help="never repeat a query: vary the filters and pages of every request (issue #21's mix)")
    # This machine's speed moves by a third from one minute to the next; one ceiling measured
    # before all targets made their shares swing by as much. Each target is now measured between
    # two ceiling runs and compared with their mean, and rounds give a median.
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure every target this many times, each between two ceiling runs; report medians")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("api_load needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    if not shutil.which("wrk"):
        sys.exit("api_load needs wrk: apt-get install wrk")
    with socket.socket() as probe:  # a free port, so a developer's runserver is never hit
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    _django()
    department_id, secret, key = _seed()
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
           "SECURE_SSL_REDIRECT": "false", "API_KEY_RATE": "10000000/m", "LOG_LEVEL": "WARNING",
           "API_ANSWER_CACHE_SECONDS": "0" if args.no_answer_cache else "60"}
    access_log = Path(tempfile.mkdtemp()) / "access.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(args.workers), "--threads", str(args.threads), "--log-level", "warning",
         "--access-logfile", str(access_log), "--access-logformat", "%(U)s %(s)s"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    results = {}
    try:
        _wait_for(port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(WRK_SCRIPT.replace("@THREADS@", str(THREADS)))
        script = Path(handle.name)
        base = f"http://127.0.0.1:{port}"
        year_of_state = {"State": BENCH_STATE, "Incident-Year": "2021"}
        if args.vary:
            # The same records as the fixed targets, asked differently on every request.
            targets = {
                "ceiling: /healthz (unmetered)": (f"{base}/healthz", {}, ""),
                "metered: /API/Oversight/ State+City (5 bodies)": (f"{base}/API/Oversight/", {"State": BENCH_STATE}, "city"),
                "metered: /API/BA/ State+Year+City (10, cost 3)": (f"{base}/API/BA/", year_of_state, "city"),
                "metered: /api/v1/departments/?name= (1)": (f"{base}/api/v1/departments/", {}, "name"),
                "metered: /api/v1/officers/ dept, 20-50/page": (f"{base}/api/v1/officers/?department={department_id}", {}, "page"),
            }
        else:
            targets = {
                "ceiling: /healthz (unmetered)": (f"{base}/healthz", {}, ""),
                "metered: /API/Oversight/ State (5 bodies)": (f"{base}/API/Oversight/", {"State": BENCH_STATE}, ""),
                "metered: /API/BA/ State+Year (10, cost 3)": (f"{base}/API/BA/", year_of_state, ""),
                "metered: /api/v1/departments/<id>/": (f"{base}/api/v1/departments/{department_id}/", {}, ""),
                "metered: /api/v1/officers/ (page of 50)": (f"{base}/api/v1/officers/", {}, ""),
            }
        for url, headers, _vary in targets.values():
            # Warm every worker's connections and caches; the query is repeated (no vary), so
            # the measured mix stays unasked.
            _wrk(url, headers, secret, 2, script, connections=args.connections)
        used_before, answered_before, cost_before = _settled(key, access_log)
        ceiling_name, *measured = targets
        first = dict.fromkeys(targets, 0)  # each target's next request number (never repeated)

        def run(name):
            url, headers, vary = targets[name]
            result = _wrk(url, headers, secret, args.duration, script, vary, args.connections, first[name])
            first[name] += result["sent"] * THREADS  # threads number their requests interleaved
            return result

        results = {name: [] for name in targets}
        for _ in range(args.rounds):
            before = run(ceiling_name)
            results[ceiling_name].append(before)
            for name in measured:
                result = run(name)
                after = run(ceiling_name)
                result["share"] = result["rps"] / ((before["rps"] + after["rps"]) / 2)
                results[name].append(result)
                results[ceiling_name].append(after)
                before = after
        used_after, answered_after, cost_after = _settled(key, access_log)
        answered, expected = answered_after - answered_before, cost_after - cost_before
        script.unlink()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print(f"gunicorn {args.workers} workers × {args.threads} threads, wrk {THREADS} threads × {args.connections} connections, "
          f"{args.duration} s per target, answer cache {'off' if args.no_answer_cache else 'on'}, "
          f"queries {'never repeated' if args.vary else 'repeated'}, {args.rounds} round(s), "
          f"each target between two ceiling runs")
    print(f"{'target':48} {'req/s':>9} {'vs ceiling':>10} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}"
          + ("   shares of each round, p99 of the worst" if args.rounds > 1 else ""))
    for name, runs in results.items():
        share = statistics.median(r.get("share", 1.0) for r in runs)
        line = (f"{name:48} {statistics.median(r['rps'] for r in runs):9.0f} {share:10.0%} "
                f"{statistics.median(r['p50'] for r in runs):8.1f} {statistics.median(r['p99'] for r in runs):8.1f} "
                f"{sum(r['non2xx'] for r in runs):8d}")
        if args.rounds > 1 and name != ceiling_name:
            line += "   " + " ".join(f"{r['share']:.0%}" for r in runs) + f", {max(r['p99'] for r in runs):.1f}"
        print(line)
    consumed = used_after - used_before
    sent = sum(r["sent"] for n, runs in results.items() if n.startswith("metered") for r in runs)
    print(f"metered requests answered 200 (gunicorn access log): {answered}, worth {expected} credits; "
          f"credits consumed: {consumed}; {'EQUAL' if expected == consumed else 'MISMATCH'} "
          f"(wrk sent {sent}, some cut off when it stopped)")

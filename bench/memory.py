"""Peak memory of the processes the site runs, each in a fresh process (issue #21's memory targets).

- baseline: Django set up and one query: what every process pays before it does anything;
- web: a web process answering 600 public pages and partner API calls (officers, departments,
  oversight bodies, reports; the Bad Apple endpoints), as a gunicorn worker does;
- ml: an `ml` worker's work: the shipped classifier loaded and 400 posts ranked through
  `manage.py classify_posts`;
- photo: a 40-megapixel JPEG submitted as a visitor does, faces detected on it in the same process
  (tasks eager), as an `images` worker would.

Peak resident memory is the kernel's high-water mark (VmHWM) of each process. Runs on a
throw-away SQLite database and media folder, so it needs no server:
    .venv/bin/python -m bench memory
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS_MB = {"web": 250, "ml": 1536, "photo": 500}
POSTS, REQUESTS = 400, 600
PHOTO_SIZE = (7_700, 5_190)  # 39.96 megapixels, under PHOTO_MAX_PIXELS


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _prepare(work: Path) -> None:
    """Migrate the throw-away database; records and the photo every case reads."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("activate_classifier", "--shipped", "--yes", verbosity=0)
    from PIL import Image as PILImage

    from api.services import partner_key_create
    from incidents.models import Post
    from officers.models import Assignment, Department, Officer

    department = Department.objects.create(name="Bench Police Department", state="USA-IL", publication_status="published")
    officers = Officer.objects.bulk_create(
        Officer(department=department, first_name=f"First{i}", last_name=f"Last{i}", publication_status="published")
        for i in range(2_000)
    )
    Assignment.objects.bulk_create(
        Assignment(officer=officer, badge_number=str(1000 + i)) for i, officer in enumerate(officers)
    )
    texts = [json.loads(line).get("description") or "" for line in (ROOT / "data" / "pb2020_incidents.jsonl").open()]
    Post.objects.bulk_create(
        Post(source_kind="news", external_id=f"bench-{i}", text=text[:2_000] or "police at a protest")
        for i, text in enumerate(texts[:POSTS])
    )
    _key, secret = partner_key_create(organisation="Bench partner", weekly_quota=1_000_000)
    (work / "key").write_text(secret)
    with PILImage.open(ROOT / "tests" / "fixtures" / "astronaut.jpg") as face:
        face.convert("RGB").resize(PHOTO_SIZE).save(work / "photo.jpg", quality=85)


def _case_baseline(work: Path) -> None:
    from officers.models import Officer

    Officer.objects.count()


def _case_web(work: Path) -> None:
    from django.db import reset_queries
    from django.test import Client

    from officers.models import Department, Officer

    client = Client(HTTP_HOST="localhost", HTTP_API_KEY=(work / "key").read_text())
    department = Department.objects.get()
    officers = list(Officer.objects.values_list("public_id", flat=True)[:100])
    paths = [
        "/api/v1/officers/?page_size=50", f"/api/v1/departments/{department.pk}/", "/api/v1/commissions/",
        "/api/v1/reports/", "/en/officers/?q=Last1", f"/en/officers/{officers[0]}/", "/en/", "/es/",
    ]
    for i in range(REQUESTS):
        path = paths[i % len(paths)]
        if path.startswith("/en/officers/") and "?" not in path:
            path = f"/en/officers/{officers[i % len(officers)]}/"
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        reset_queries()
    for state in ("USA-CA", "USA-NY", "USA-IL"):
        response = client.get("/API/Oversight/", HTTP_STATE=state)
        assert response.status_code == 200, ("/API/Oversight/", response.status_code)


def _case_ml(work: Path) -> None:
    from django.core.management import call_command

    call_command("classify_posts", verbosity=0)


def _case_photo(work: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from officers.models import Department, Image
    from officers.photos.services.intake import images_submit

    upload = SimpleUploadedFile("protest.jpg", (work / "photo.jpg").read_bytes(), content_type="image/jpeg")
    result = images_submit(department=Department.objects.get(), files=[upload])
    assert result.created, result.rejected
    assert Image.objects.get().faces_detected_at is not None


CASES = {"baseline": _case_baseline, "web": _case_web, "ml": _case_ml, "photo": _case_photo}


def _child(case: str, work: Path) -> None:
    _setup_django()
    if case == "prepare":
        _prepare(work)
        return
    CASES[case](work)
    print(json.dumps({"case": case, "peak_mb": _peak_mb()}))


def _run(case: str, work: Path, env: dict) -> float | None:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--child", case, str(work)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if completed.returncode != 0:
        print(f"{case}: failed\n{completed.stderr[-3000:]}")
        return None
    if case == "prepare":
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(prog="python -m bench memory", description=__doc__)
    parser.add_argument("--only", nargs="*", choices=list(CASES), help="these cases (the baseline always runs)")
    args = parser.parse_args()
    cases = ["baseline", *[case for case in CASES if case != "baseline" and (not args.only or case in args.only)]]
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        work = Path(folder)
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
            "MEDIA_ROOT": str(work / "media"),
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "RATELIMIT_ENABLE": "0",
            # DEBUG=1 renders templates without collected static files; the web case clears
            # the query log DEBUG keeps after every request.
            "DEBUG": "1",
        }
        _run("prepare", work, env)
        peaks = {case: _run(case, work, env) for case in cases}
    base = peaks["baseline"]
    print(f"{'process':<46}{'peak MB':>9}{'over baseline':>15}{'target MB':>11}")
    labels = {
        "baseline": "baseline: Django set up, one query",
        "web": f"web: {REQUESTS} pages and partner API calls",
        "ml": f"ml worker: shipped model, {POSTS} posts ranked",
        "photo": "images worker: 40 MP photo in, faces found",
    }
    for case, peak in peaks.items():
        if peak is None:
            print(f"{labels[case]:<46}{'failed':>9}")
            continue
        target = TARGETS_MB.get(case)
        verdict = "" if target is None else f"{target:>7} {'met' if peak <= target else 'NOT met'}"
        extra = "" if base is None or case == "baseline" else f"{peak - base:>+14.0f}"
        print(f"{labels[case]:<46}{peak:>9.0f}{extra:>15}  {verdict}")


if __name__ == "__main__":
    main()

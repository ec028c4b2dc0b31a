"""The WSGI entry point gunicorn loads (config/wsgi.py)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_web_worker_loads_its_views_up_front_and_leaves_them_out_of_garbage_collection():
    # A full collection walked every object the worker keeps for its whole life: a pause of
    # about 125 ms every thousand or so API calls (docs/benchmarks.md, #21).
    probe = (
        "import gc, sys, config.wsgi;"
        "print(gc.get_freeze_count(), 'api.views.officers' in sys.modules, len(gc.get_objects()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings"},
    ).stdout.split()
    frozen, views_loaded, still_collected = int(out[0]), out[1] == "True", int(out[2])
    assert views_loaded
    assert frozen > 100_000 and still_collected < frozen / 10

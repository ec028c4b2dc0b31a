"""docker-compose.yml, as far as it can be checked without Docker (CI has none): the services
the production stack needs, in the right order, agreeing with the Celery app and gunicorn."""

import re
from pathlib import Path

import yaml

from config.celery import app

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = [name for name, service in SERVICES.items() if service.get("image") == "accountable:latest"]


def test_every_queue_has_its_own_worker_service_whose_healthcheck_pings_its_node():
    served = {}
    for name, service in SERVICES.items():
        command = service.get("command")
        if isinstance(command, list) and command[:4] == ["celery", "-A", "config", "worker"]:
            queue = command[command.index("-Q") + 1]
            node = command[command.index("-n") + 1].split("@")[0]
            assert f"-d {node}@$$HOSTNAME" in service["healthcheck"]["test"][1], name
            served[queue] = name
    assert set(served) == {queue.name for queue in app.conf.task_queues}


def test_the_app_waits_for_init_and_init_runs_the_shared_script():
    for name in APP_SERVICES:
        if name == "init":
            continue
        assert SERVICES[name]["depends_on"]["init"] == {"condition": "service_completed_successfully"}, name
    assert "deploy/init.sh" in " ".join(SERVICES["init"]["command"])
    init = (ROOT / "deploy" / "init.sh").read_text()
    for step in ("migrate", "seed_pra", "load_public_data", "build_downloads", "activate_classifier --shipped"):
        assert f"manage.py {step}" in init


def test_gunicorn_trusts_forwarded_headers_from_the_proxy_only():
    proxy_ip = SERVICES["proxy"]["networks"]["backend"]["ipv4_address"]
    for name in APP_SERVICES:
        assert SERVICES[name]["environment"]["FORWARDED_ALLOW_IPS"] == proxy_ip
    assert "ports" not in SERVICES["web"]  # reachable through the proxy only


def test_one_beat_and_the_web_healthcheck_is_healthz():
    beats = [n for n, s in SERVICES.items() if "beat" in (s.get("command") or [])]
    assert beats == ["beat"] and "deploy" not in SERVICES["beat"]
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_the_proxy_serves_the_volumes_the_app_writes():
    mounts = {volume.split(":")[1] for volume in SERVICES["proxy"]["volumes"]}
    assert {"/srv/static", "/srv/media", "/etc/caddy/Caddyfile"} <= mounts
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert re.search(r"handle /media/faces/\*", caddyfile) and "respond 404" in caddyfile

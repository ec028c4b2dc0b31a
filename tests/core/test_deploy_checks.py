"""`manage.py check --deploy` must be clean with production settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_in_production():
    result = run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "k3y-" + "x7Qp2vL9sR4tW8zB1nM6cF0hJ5gD3aY" * 2,
            "ALLOWED_HOSTS": "accountable.example.org",
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check({"DEBUG": "0", "ALLOWED_HOSTS": "accountable.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr

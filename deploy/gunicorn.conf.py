"""gunicorn settings shared by docker compose's `web` service and the CI smoke test.

FORWARDED_ALLOW_IPS is the proxy's address: only requests from it may say, in
X-Forwarded-Proto, that the visitor came over https (Django reads the scheme gunicorn decides;
see docs/deploy.md). Anything else connecting to gunicorn directly is taken at its word: http.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS", "4"))
threads = int(os.environ.get("WEB_THREADS", "2"))
worker_class = "gthread"
# Longer than the slowest page (an officer export streams), shorter than the proxy's patience.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Recycle workers now and then, so a slow leak in a dependency never takes a worker down.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
control_socket_disable = True

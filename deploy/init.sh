#!/bin/sh
# One-shot start-up of the production stack: docker compose's `init` service runs it before
# web, workers and beat start, and .ci/smoke runs the same file. Every step is idempotent, so
# it runs again safely on every `docker compose up`.
#   LOAD_DEMO=1          also load the invented, labelled demo records (trials, not production)
#   SKIP_PUBLIC_DATA=1   leave out the real public data (only where the command is missing)
set -eu
python manage.py migrate --noinput
python manage.py seed_pra
if [ "${SKIP_PUBLIC_DATA:-0}" != 1 ]; then
  python manage.py load_public_data
fi
if [ "${LOAD_DEMO:-0}" = 1 ]; then
  python manage.py load_demo
fi
# Fresh planner statistics after the bulk loads: until autovacuum gets to them, PostgreSQL plans
# the public pages' joins as if the tables were empty (a /reports/ page then took over 30 s).
python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
# The public bulk downloads exist from the first start; beat rebuilds them nightly. A set that
# fails to build is reported and must not keep the site from starting.
python manage.py build_downloads || echo "init: build_downloads failed; beat retries nightly" >&2
# The force-rank model that ships in the repository serves until staff activate a better one.
python manage.py activate_classifier --shipped --yes

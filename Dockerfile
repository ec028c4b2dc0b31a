# The production image: web, workers, beat and init all run it (docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Dependencies first, so a code change rebuilds only the layers below. CPU-only torch from
# PyTorch's own index: the default wheel pulls several GB of CUDA libraries nobody uses here.
COPY pyproject.toml README.md ./
RUN pip install "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu \
    && pip install .

COPY . .
# Translations compiled, and static files collected with the production storage, so the
# manifest that DEBUG=0 reads exists (a DEBUG=1 collectstatic writes none, and every page 500s).
# The key only lets settings load for these two commands; the running site gets its own.
RUN python manage.py compiletranslations \
    && DEBUG=0 SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput \
    && test -s staticfiles/staticfiles.json

# Never root: the app user owns only what it writes (uploads, the proxy's copy of static).
RUN useradd --create-home --uid 10001 accountable \
    && mkdir -p /app/media /srv/static \
    && chown accountable /app/media /srv/static
USER accountable
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"]

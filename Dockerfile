FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
RUN pip install "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu \
    && pip install -e .
COPY . .
RUN python manage.py compiletranslations \
    && DEBUG=1 python manage.py collectstatic --noinput
RUN useradd --create-home accountable && mkdir -p /app/media && chown accountable /app/media
USER accountable
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "2", "--timeout", "60"]

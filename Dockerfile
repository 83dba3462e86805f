# ActLocal web, worker and beat image (see docker-compose.yml and the README's deployment section).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WEB_CONCURRENCY=3

WORKDIR /app
# gettext's msgfmt compiles the translation catalogs (compilemessages) at build time.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin actlocal

# Dependencies first, in their own layer: pyproject.toml declares no packages, so `pip install .`
# installs only what the project depends on, and code changes do not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .
# Static files are collected at build time (WhiteNoise serves them); the key is a throwaway that
# only satisfies the settings' DEBUG-off check and is never used at run time.
RUN DEBUG=false SECRET_KEY=collectstatic-build-only-not-a-secret \
        python manage.py collectstatic --noinput --verbosity 0 \
    && DEBUG=false SECRET_KEY=collectstatic-build-only-not-a-secret \
        python manage.py compilemessages --verbosity 0 --ignore .venv \
    && mkdir -p var/media var/outbox \
    && chown -R actlocal:actlocal var

USER actlocal
EXPOSE 8000

# /healthz checks the database and the broker. It is asked with the public host name and as if
# through the TLS proxy, so ALLOWED_HOSTS and the HTTPS redirect apply as for a real visitor.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD \
    python -c "import os, urllib.parse as p, urllib.request as r; host = p.urlsplit(os.environ.get('SITE_URL', 'http://localhost')).hostname; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=8)"

# gunicorn takes its number of workers from WEB_CONCURRENCY.
CMD ["gunicorn", "actlocal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]

# Production image for the web (gunicorn), Celery worker and Celery beat services.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=ocop.settings \
    PYTHONPATH=/app/backend:/app \
    OCOP_VAR_DIR=/app/var

# WeasyPrint (PDF receipts and reports) needs Pango; fonts for Vietnamese text.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY backend ./backend
COPY storefront_theme ./storefront_theme
COPY integrations ./integrations
COPY fixtures ./fixtures

# Static files are collected at build time (settings only parse DATABASE_URL here, no connection).
RUN DATABASE_URL=postgresql://build@localhost/build SECRET_KEY=collectstatic-at-build-only python backend/manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home /app ocop \
    && mkdir -p /app/var/media /app/var/beat \
    && chown -R ocop /app/var

USER ocop
WORKDIR /app/backend
EXPOSE 8000
CMD ["gunicorn", "ocop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4"]

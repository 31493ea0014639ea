# mlcanvas for a team: the app on port 8501, its workshops in PostgreSQL
# (MLCANVAS_DATABASE_URL; see compose.yaml). Without that variable it keeps them in the
# folder /app/workspace.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY . .
RUN pip install . \
    && useradd --create-home --uid 1000 mlcanvas \
    && mkdir -p /app/workspace \
    && chown mlcanvas /app/workspace
USER mlcanvas

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]

"""gunicorn's configuration, for `make run`, the load benchmark and production.

Processes, not only threads: Python runs one thread at a time per process, so one
process per core (`workers`), each with a few threads (`threads`, the gthread worker)
for requests that wait on the database or the disk. The application is loaded once
before forking (`preload_app`): workers start fast and share its read-only memory.

Every value can be changed from the environment (docs/operations.md, "Serving"):

    FRENCHTECH_BIND          127.0.0.1:$PORT (PORT defaults to 8000): loopback only;
                             a reverse proxy in front serves the public
    FRENCHTECH_WORKERS       the number of cores this process may use
    FRENCHTECH_THREADS       4 per worker
    FORWARDED_ALLOW_IPS      the proxy's address(es) whose X-Forwarded-* headers are
                             trusted (gunicorn reads it itself; default 127.0.0.1,::1)
    FRENCHTECH_ACCESS_LOG    a file, or "-" for standard output (default: none)
"""

import os


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "frenchtech.wsgi:application"
bind = [os.environ.get("FRENCHTECH_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")]
workers = int(os.environ.get("FRENCHTECH_WORKERS", _cores()))
worker_class = "gthread"
threads = int(os.environ.get("FRENCHTECH_THREADS", "4"))
preload_app = True
# Waiting clients queue in the kernel, not in a worker.
backlog = 2048
keepalive = 5
# A request longer than this is killed (and logged): no page should take 30 s.
timeout = 30
graceful_timeout = 30
# Recycle a worker now and then (memory kept by caches, fragmentation), never all at once.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("FRENCHTECH_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("FRENCHTECH_GUNICORN_LOG_LEVEL", "warning")
# Behind a reverse proxy: only X-Forwarded-* from FORWARDED_ALLOW_IPS are believed
# (gunicorn's default is loopback); Django reads X-Forwarded-Proto through
# SECURE_PROXY_SSL_HEADER (frenchtech.settings.prod).


def worker_exit(server, worker):
    """A worker stopping normally first sends the receipts it still holds."""
    from frenchtech.calls.receipts import wait_for_receipts

    wait_for_receipts()

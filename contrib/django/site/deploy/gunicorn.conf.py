"""Gunicorn's settings for the site, the same under systemd (offsite-gunicorn.service), in
tools/demo --site and in the browser test. What differs between them comes from the
environment: OFFSITE_BIND (default 127.0.0.1:8001, loopback: only Nginx talks to Gunicorn) and
OFFSITE_WORKERS (default two per core plus one, Gunicorn's advice for synchronous workers)."""
import multiprocessing
import os

SITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

wsgi_app = "offsite.wsgi:application"
pythonpath = f"{SITE},{os.path.dirname(SITE)}"
chdir = SITE
bind = [os.environ.get("OFFSITE_BIND", "127.0.0.1:8001")]
workers = int(os.environ.get("OFFSITE_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A request that takes longer is a bug: its worker is replaced and the error logged.
timeout = 30
graceful_timeout = 10
# Only Nginx on this machine may say which scheme the client used.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
loglevel = "info"
# Workers' heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

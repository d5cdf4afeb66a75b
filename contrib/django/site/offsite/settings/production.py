"""The server: DEBUG off, and every secret from the environment. systemd fills the environment
from /etc/offsite/offsite.env (mode 600, untracked: deploy/offsite.env.example shows its lines),
so no secret is in git, in the unit or on a command line.

  OFFSITE_SECRET_KEY      required, 50 characters or more
  OFFSITE_ALLOWED_HOSTS   required, comma-separated host names (no "*")
  PGDATABASE, PGHOST, PGPORT, PGUSER, PGPASSWORD   the database, as libpq reads them
  SENTRY_DSN              optional: errors go to Sentry
  OFFSITE_HTTPS           "true" (default): Nginx terminates TLS, cookies are secure, HTTP is
                          redirected and HSTS is sent. "false" only for a site that never leaves
                          loopback (tools/demo --site, the browser test): check --deploy then
                          warns, rightly.
"""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403 (settings modules extend one another)
from ..sentry import init_sentry


def missing(name, why):
    return ImproperlyConfigured(f"{name} is not set: {why}. Production reads it from the "
                                "environment (/etc/offsite/offsite.env under systemd).")


def required(name, why):
    value = os.environ.get(name, "").strip()
    if not value:
        raise missing(name, why)
    return value


def flag(name, default):
    value = os.environ.get(name, default).strip().lower()
    if value not in ("true", "false"):
        raise ImproperlyConfigured(f'{name} is "{value}": write true or false')
    return value == "true"


DEBUG = False

SECRET_KEY = required("OFFSITE_SECRET_KEY", "make one with: python3 -c 'import secrets; "
                                            "print(secrets.token_urlsafe(50))'")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(f"OFFSITE_SECRET_KEY has {len(SECRET_KEY)} characters; it needs "
                               "50 or more (python3 -c 'import secrets; "
                               "print(secrets.token_urlsafe(50))')")

HOSTS_WHY = "name the host names the site answers to, comma-separated"
ALLOWED_HOSTS = [host.strip() for host in required("OFFSITE_ALLOWED_HOSTS", HOSTS_WHY).split(",")
                 if host.strip()]
if not ALLOWED_HOSTS:
    raise missing("OFFSITE_ALLOWED_HOSTS", HOSTS_WHY)
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured('OFFSITE_ALLOWED_HOSTS contains "*": name the site\'s hosts')

STATIC_ROOT = os.environ.get("OFFSITE_STATIC_ROOT", "/var/lib/offsite/static")

# Gunicorn listens on loopback behind Nginx, which sets X-Forwarded-Proto itself: the header
# can be trusted because nothing else reaches Gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
HTTPS = flag("OFFSITE_HTTPS", "true")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# A year, subdomains included, as browsers' preload lists ask. A domain whose subdomains are
# not all served over HTTPS sets OFFSITE_HSTS_SUBDOMAINS=false (and check --deploy says so).
SECURE_HSTS_SECONDS = int(os.environ.get("OFFSITE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = flag("OFFSITE_HSTS_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = SECURE_HSTS_INCLUDE_SUBDOMAINS

LOGGING["root"]["level"] = "INFO"  # noqa: F405 (from base)

init_sentry(os.environ.get("SENTRY_DSN", ""), secrets=[SECRET_KEY, os.environ.get("PGPASSWORD")])

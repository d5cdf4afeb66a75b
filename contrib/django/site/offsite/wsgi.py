"""The WSGI entry point Gunicorn serves (deploy/gunicorn.conf.py). Production settings unless
DJANGO_SETTINGS_MODULE says otherwise: a server never falls back to development's."""
import os
import sys

SITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [path for path in (SITE, os.path.dirname(SITE)) if path not in sys.path]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "offsite.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402 (needs the path above)

application = get_wsgi_application()

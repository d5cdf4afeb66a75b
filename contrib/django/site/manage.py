#!/usr/bin/python3
"""The reference site's command line. Development settings unless DJANGO_SETTINGS_MODULE says
otherwise (production: offsite.settings.production)."""
import os
import sys

SITE = os.path.dirname(os.path.abspath(__file__))
# offcatalogue, the app over offimport's tables, lives beside the site (contrib/django/).
sys.path[:0] = [SITE, os.path.dirname(SITE)]



def load_settings():
    """Loads the settings before any command runs, and reports a refusal (a missing or weak
    secret, say) as the one line that names it. Left to Django, a command would meet it first
    in whichever system check happens to run first, and might report a later symptom instead
    ("Models aren't loaded yet")."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS
    except ImproperlyConfigured as refusal:
        sys.exit(f"manage.py: {os.environ['DJANGO_SETTINGS_MODULE']}: {refusal}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "offsite.settings.development")
    load_settings()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

#!/usr/bin/python3
"""The reference site's command line. Development settings unless DJANGO_SETTINGS_MODULE says
otherwise (production: offsite.settings.production)."""
import os
import sys

SITE = os.path.dirname(os.path.abspath(__file__))
# offcatalogue, the app over offimport's tables, lives beside the site (contrib/django/).
sys.path[:0] = [SITE, os.path.dirname(SITE)]

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "offsite.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

"""The site's production settings, as deployed, with one more URL (site_urls): a view that
fails, for the Sentry test."""
from offsite.settings.production import *  # noqa: F401,F403 (the settings under test)

ROOT_URLCONF = "tests.site_urls"

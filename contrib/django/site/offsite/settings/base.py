"""What every environment shares. Nothing secret here: the database password comes to libpq
from PGPASSWORD or ~/.pgpass, never from a setting."""
import os
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "offcatalogue",
    "foods",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "offsite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = "offsite.wsgi.application"

# The catalogue and the site's own tables (users, favourites) in one database: offimport's
# (PGDATABASE, default "offimport"). Host, port, user and password reach libpq from PGHOST,
# PGPORT, PGUSER, PGPASSWORD or ~/.pgpass, as for psql and offimport.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PGDATABASE", "offimport"),
        "CONN_MAX_AGE": 60,
    }
}
# offimport's database.schema.
OFFCATALOGUE_SCHEMA = os.environ.get("OFFSITE_CATALOGUE_SCHEMA", "off")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "favourites"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's destination, which Nginx serves.
STATIC_ROOT = os.environ.get("OFFSITE_STATIC_ROOT", str(SITE_DIR / "static-collected"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Search results: at most this many, shown this many a page.
FOODS_SEARCH_LIMIT = 100
FOODS_RESULTS_PER_PAGE = 20
FOODS_SUBSTITUTES = 6

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

"""A Django project as a new user would make it, with the offcatalogue app and one app of its
own (favourites) whose model references offimport's products with a plain ForeignKey. The
database comes from the PG* variables (pg_virtualenv) and OFFCATALOGUE_TEST_DB."""
import os

SECRET_KEY = "offcatalogue-tests-only"
USE_TZ = True
INSTALLED_APPS = ["django.contrib.postgres", "offcatalogue", "tests.favourites"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["OFFCATALOGUE_TEST_DB"],
        "HOST": os.environ.get("PGHOST", ""),
        "PORT": os.environ.get("PGPORT", ""),
        "USER": os.environ.get("PGUSER", ""),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
    }
}
# The extra columns run_tests.py has offimport fill (import.extra_columns).
OFFCATALOGUE_EXTRA_COLUMNS = ["compared_to_category", "product_type", "allergens_tags",
                              "nutrient_levels"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

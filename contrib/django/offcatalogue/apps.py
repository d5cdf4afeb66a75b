from django.apps import AppConfig


class OffCatalogueConfig(AppConfig):
    name = "offcatalogue"
    verbose_name = "Open Food Facts catalogue (imported by offimport)"
    default_auto_field = "django.db.models.BigAutoField"

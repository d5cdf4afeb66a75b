from django.apps import AppConfig


class FoodsConfig(AppConfig):
    name = "foods"
    verbose_name = "Search, substitutes and favourites"
    default_auto_field = "django.db.models.BigAutoField"

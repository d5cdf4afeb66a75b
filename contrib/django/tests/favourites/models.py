from django.db import models

from offcatalogue.models import Product


class Favourite(models.Model):
    """A user's saved product: a real foreign key to off.products (Django creates it)."""
    product = models.ForeignKey(Product, models.CASCADE, related_name="favourites")
    note = models.TextField(blank=True)

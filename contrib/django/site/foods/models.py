"""The site's own table. Its foreign keys point at offimport's products with real constraints:
the site runs with import.removed_products = "mark", so a product that leaves the dump stays,
marked, and a saved one is shown as no longer sold; under "delete" the import is refused and
names this table (docs/catalogue.md)."""
from django.conf import settings
from django.db import models

from offcatalogue.models import Product


class Favourite(models.Model):
    """A product a person saved, usually a healthier substitute of the product it `replaces`."""
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="favourites")
    product = models.ForeignKey(Product, models.CASCADE, related_name="saved_by")
    replaces = models.ForeignKey(Product, models.CASCADE, null=True, blank=True,
                                 related_name="replaced_in")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "product"],
                                               name="foods_favourite_once_per_user")]
        ordering = ["-saved_at", "-id"]

    def __str__(self):
        return f"{self.user} saved {self.product_id}"

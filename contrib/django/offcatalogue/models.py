"""Unmanaged models over offimport's tables: offimport creates and fills them, Django only
reads them (its migrations never touch them). The schema is settings.OFFCATALOGUE_SCHEMA
("off" by default, as offimport's database.schema).

An application's own model may reference Product with a ForeignKey. offimport's
import.removed_products decides what happens when the dump drops a product: "mark" keeps the
row with removed_at set (Product.objects.present() leaves such rows out); "delete" deletes it,
and refuses to when a foreign key without ON DELETE CASCADE / SET NULL still points at it.

offimport's optional columns (import.extra_columns) exist only where the configuration chose
them: list the same names in settings.OFFCATALOGUE_EXTRA_COLUMNS and Product gets those fields.
"""
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import connection, models

SCHEMA = getattr(settings, "OFFCATALOGUE_SCHEMA", "off")


def table(name):
    # Django quotes db_table as one identifier: this spelling yields "schema"."name".
    return f'{SCHEMA}"."{name}'


class ProductQuerySet(models.QuerySet):
    def present(self):
        """Products the last full import found in the dump."""
        return self.filter(removed_at__isnull=True)

    def search(self, text, limit=20):
        """Up to `limit` present products matching `text` (a name, brand or barcode, typos
        forgiven), best first: offimport's off.search_products, which needs import.search.
        A queryset ordered by rank; its `search_rank` is 0 for the best."""
        codes = search_codes(text, limit)
        if not codes:
            return self.none()
        rank = models.Case(*[models.When(code=code, then=models.Value(index))
                             for index, code in enumerate(codes)],
                           output_field=models.IntegerField())
        return self.filter(code__in=codes).annotate(search_rank=rank).order_by("search_rank")


def search_codes(text, limit=20):
    """The codes of up to `limit` present products matching `text`, best first (the SQL of
    ProductQuerySet.search without loading the products: a page of results loads only its own)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code FROM {connection.ops.quote_name(SCHEMA)}"
                       ".search_products(%s, %s)", [text, limit])
        return [code for (code,) in cursor.fetchall()]


class Category(models.Model):
    id = models.IntegerField(primary_key=True)
    tag = models.TextField(unique=True)

    class Meta:
        managed = False
        db_table = table("categories")

    def __str__(self):
        return self.tag


class Product(models.Model):
    code = models.TextField(primary_key=True)
    product_name = models.TextField(null=True)
    generic_name = models.TextField(null=True)
    brands = models.TextField(null=True)
    quantity = models.TextField(null=True)
    lang = models.TextField(null=True)
    nutriscore_grade = models.TextField(null=True)
    nova_group = models.SmallIntegerField(null=True)
    ecoscore_grade = models.TextField(null=True)
    energy_kcal_100g = models.FloatField(null=True)
    fat_100g = models.FloatField(null=True)
    saturated_fat_100g = models.FloatField(null=True)
    carbohydrates_100g = models.FloatField(null=True)
    sugars_100g = models.FloatField(null=True)
    fiber_100g = models.FloatField(null=True)
    proteins_100g = models.FloatField(null=True)
    salt_100g = models.FloatField(null=True)
    sodium_100g = models.FloatField(null=True)
    categories_tags = ArrayField(models.TextField(), null=True)
    countries_tags = ArrayField(models.TextField(), null=True)
    labels_tags = ArrayField(models.TextField(), null=True)
    stores = models.TextField(null=True)
    image_url = models.TextField(null=True)
    image_small_url = models.TextField(null=True)
    url = models.TextField(null=True)
    created_at = models.DateTimeField(null=True)
    last_modified_at = models.DateTimeField(null=True)
    removed_at = models.DateTimeField(null=True)
    categories = models.ManyToManyField(Category, through="ProductCategory",
                                        related_name="products")

    objects = ProductQuerySet.as_manager()

    class Meta:
        managed = False
        db_table = table("products")

    def __str__(self):
        return self.product_name or self.code


# offimport's extra columns (docs/catalogue.md, "Extra columns"), by the type offimport gives each.
EXTRA_FIELDS = {
    "compared_to_category": lambda: models.TextField(null=True),
    "product_type": lambda: models.TextField(null=True),
    "ingredients_text": lambda: models.TextField(null=True),
    "allergens_tags": lambda: ArrayField(models.TextField(), null=True),
    "traces_tags": lambda: ArrayField(models.TextField(), null=True),
    "additives_tags": lambda: ArrayField(models.TextField(), null=True),
    "food_groups_tags": lambda: ArrayField(models.TextField(), null=True),
    "brands_tags": lambda: ArrayField(models.TextField(), null=True),
    "nutrient_levels": lambda: models.JSONField(null=True),
    "nutriscore_score": lambda: models.SmallIntegerField(null=True),
    "serving_size": lambda: models.TextField(null=True),
    "unique_scans_n": lambda: models.IntegerField(null=True),
    "popularity_key": lambda: models.BigIntegerField(null=True),
    "last_updated_at": lambda: models.DateTimeField(null=True),
}
EXTRA_COLUMNS = list(getattr(settings, "OFFCATALOGUE_EXTRA_COLUMNS", []))
for _name in EXTRA_COLUMNS:
    if _name not in EXTRA_FIELDS:
        raise ValueError(f"OFFCATALOGUE_EXTRA_COLUMNS: {_name!r} is not one of offimport's "
                         f"extra columns ({', '.join(EXTRA_FIELDS)})")
    Product.add_to_class(_name, EXTRA_FIELDS[_name]())


class ProductCategory(models.Model):
    """A product's category, in dump order (position 1 = first listed)."""
    id = models.BigAutoField(primary_key=True)
    product = models.ForeignKey(Product, models.DO_NOTHING, db_column="product_code",
                                db_constraint=False, related_name="category_links")
    category = models.ForeignKey(Category, models.DO_NOTHING, db_column="category_id",
                                 db_constraint=False, related_name="product_links")
    position = models.IntegerField()

    class Meta:
        managed = False
        db_table = table("product_categories")
        unique_together = [("product", "category")]


class ProductChangeQuerySet(models.QuerySet):
    def of_last_import(self):
        """The changes of the last import that succeeded (none after a first import, which
        records none: everything in it is new)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {connection.ops.quote_name(SCHEMA)}.runs "
                           "WHERE status = 'succeeded'")
            (last,) = cursor.fetchone()
        return self.filter(run_id=last)

    def regraded(self):
        """Products still sold whose Nutri-Score differs before and after the change, a grade
        gained or lost included (SQL's IS DISTINCT FROM)."""
        before, after = "nutriscore_before", "nutriscore_after"
        differs = (models.Q(**{f"{before}__isnull": True, f"{after}__isnull": False})
                   | models.Q(**{f"{before}__isnull": False, f"{after}__isnull": True})
                   | (models.Q(**{f"{before}__isnull": False, f"{after}__isnull": False})
                      & ~models.Q(**{before: models.F(after)})))
        return self.filter(differs, change__in=["updated", "returned"])


class ProductChange(models.Model):
    """One product an import wrote: offimport's change feed (off.product_changes), kept for
    offimport's import.keep_changes_runs last runs. `product` is gone for a product deleted
    under import.removed_products = "delete" (use product_id, the code, then)."""
    CHANGES = [("inserted", "new"), ("updated", "changed"), ("removed", "no longer sold"),
               ("returned", "sold again")]
    id = models.BigIntegerField(primary_key=True)
    run_id = models.BigIntegerField()
    product = models.ForeignKey(Product, models.DO_NOTHING, db_column="code",
                                db_constraint=False, related_name="changes")
    change = models.TextField(choices=CHANGES)
    nutriscore_before = models.TextField(null=True)
    nutriscore_after = models.TextField(null=True)
    nova_before = models.SmallIntegerField(null=True)
    nova_after = models.SmallIntegerField(null=True)

    objects = ProductChangeQuerySet.as_manager()

    class Meta:
        managed = False
        db_table = table("product_changes")
        ordering = ["-run_id", "product"]

    def __str__(self):
        return f"run {self.run_id}: {self.product_id} {self.change}"

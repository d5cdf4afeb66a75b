#!/usr/bin/python3
"""The Django app against a catalogue that offimport imported from the shared sample: models,
the link table's key (also through inspectdb), substitutes, and an application foreign key
that survives a weekly import in "mark" mode and is named by the refusal in "delete" mode.
Exit 0: all passed; 1: a check failed (or no sample under CI); 77: no sample."""
import argparse
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from tests import catalogue  # noqa: E402 (needs the path above)
from tests.catalogue import psql  # noqa: E402

EXTRA_COLUMNS = '["compared_to_category", "product_type", "allergens_tags", "nutrient_levels"]'
EXTRA = f"extra_columns = {EXTRA_COLUMNS}\n"
check = catalogue.Checks()


def offimport(binary, source, database, mode, tmp):
    return catalogue.offimport(binary, source, database, mode, tmp, EXTRA)


def django_checks(binary, sample, database, tmp):
    os.environ["OFFCATALOGUE_TEST_DB"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django
    from django.core.management import call_command
    django.setup()
    from offcatalogue.models import Category, Product, ProductCategory, ProductChange
    from offcatalogue.substitutes import comparison_category, substitutes
    from tests.favourites.models import Favourite

    call_command("migrate", verbosity=0)
    present = Product.objects.present().count()
    check(present > 7000, f"the catalogue reads through the models ({present} products)")

    # The link table: one object per key; deleting one link leaves the product's others.
    product = (Product.objects.present().filter(nutriscore_grade="e")
               .exclude(categories__isnull=True).order_by("code").first())
    links = list(ProductCategory.objects.filter(product=product).order_by("position"))
    check(len(links) > 1, f"product {product.code} has {len(links)} category links")
    check(ProductCategory.objects.get(pk=links[0].pk).category_id == links[0].category_id,
          "ProductCategory.objects.get(pk=...) finds exactly one link")
    check([c.tag for c in product.categories.order_by("product_links__position")] ==
          [link.category.tag for link in links], "the many-to-many through model lists them")

    out = io.StringIO()
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SET search_path TO off, public")
        call_command("inspectdb", "product_categories", stdout=out)
        cursor.execute("RESET search_path")
    model = out.getvalue()
    # Django 3.2 reads an identity column as BigIntegerField, 5.x as BigAutoField.
    check("id = models.BigIntegerField(primary_key=True)" in model or
          "id = models.BigAutoField(primary_key=True)" in model,
          "inspectdb makes id the link model's primary key")
    check("unique_together = (('product_code', 'category_id'),)" in model,
          "inspectdb keeps (product_code, category_id) unique")

    # Substitutes: better grades, same comparison category, best first.
    found = 0
    for candidate in Product.objects.present().filter(nutriscore_grade__in=["d", "e"])[:200]:
        better = substitutes(candidate, limit=5)
        if not better:
            continue
        found += 1
        category = comparison_category(candidate)
        grades = [s.nutriscore_grade for s in better]
        assert all(g < candidate.nutriscore_grade for g in grades), candidate.code
        assert grades == sorted(grades), candidate.code
        assert all(category in s.categories.all() for s in better), candidate.code
        assert psql(database, f"SELECT off.is_taxonomy_tag('{category.tag}')") == "t", category.tag
        from_sql = psql(database, f"SELECT code FROM off.substitutes('{candidate.code}', 5)")
        assert from_sql.split() == [s.code for s in better], candidate.code
    check(found > 10, f"substitutes found for {found} of 200 products graded d or e, each "
                      "better, sorted, of one taxonomy category, as off.substitutes gives them")

    # Search: a ranked queryset, the same answers as off.search_products.
    for text in ["nutella", "coca cola", "nutela", "3017620"]:
        results = list(Product.objects.search(text, limit=5))
        from_sql = psql(database, f"SELECT code FROM off.search_products('{text}', 5)")
        check(results and [p.code for p in results] == from_sql.split(),
              f"Product.objects.search({text!r}) ranks as off.search_products: "
              f"{[p.product_name for p in results][:3]}")
    check("nutella" in (Product.objects.search("nutela").first().product_name or "").lower(),
          "a typo finds the product meant")
    check(not Product.objects.search("zzqqxxyy").exists(), "nothing close finds nothing")

    # Extra columns: fields of the model, queried as Django does.
    check(Product.objects.filter(product_type="beauty").exists() and
          Product.objects.filter(nutrient_levels__fat="low").exists() and
          Product.objects.filter(allergens_tags__contains=["en:milk"]).exists(),
          "the extra columns read as fields (product_type, nutrient_levels, allergens_tags)")
    changes = io.StringIO()
    call_command("makemigrations", "offcatalogue", "--check", "--dry-run", stdout=changes)
    check("No changes detected" in changes.getvalue(),
          "the extra fields need no migration of the application")

    # compared_to_category, where it fits, is the comparison category.
    published = 0
    for candidate in (Product.objects.present().filter(nutriscore_grade__in=["d", "e"])
                      .exclude(compared_to_category__isnull=True)[:200]):
        tag = candidate.compared_to_category
        if Category.objects.filter(tag=tag).exists() and \
                substitutes(candidate, limit=1) and comparison_category(candidate).tag == tag:
            published += 1
    check(published > 10, f"compared_to_category chosen as the comparison category for "
                          f"{published} of 200 products graded d or e")

    # The application's foreign key and a weekly import that removes that product.
    favourite = Favourite.objects.create(product=product, note="my yogurt")
    reduced = os.path.join(tmp, "reduced.jsonl.gz")
    catalogue.without(sample, [product.code], reduced)
    marked = offimport(binary, reduced, database, "mark", tmp)
    check(marked.returncode == 0, f"mark mode: the import succeeds ({marked.returncode}) "
                                  f"{marked.stderr[-300:] if marked.returncode else ''}")
    product.refresh_from_db()
    check(product.removed_at is not None, "mark mode: the removed product has removed_at set")
    check(Favourite.objects.get(pk=favourite.pk).product_id == product.code,
          "mark mode: the favourite still references it")
    check(not Product.objects.present().filter(code=product.code).exists(),
          "mark mode: present() leaves it out")
    removal = ProductChange.objects.of_last_import()
    check([(c.product_id, c.change, c.nutriscore_after) for c in removal] ==
          [(product.code, "removed", None)],
          "the change feed: the last import removed that product, and nothing else")
    check(not removal.regraded().exists(), "a removal is no change of grade")

    # The feed's example: the favourites whose grade changed at the last import.
    graded = Product.objects.present().filter(nutriscore_grade="b").first()
    Favourite.objects.create(product=graded, note="a b")
    regraded = os.path.join(tmp, "regraded.jsonl.gz")
    catalogue.regraded(reduced, graded.code, "a", regraded)
    check(offimport(binary, regraded, database, "mark", tmp).returncode == 0,
          "an import that changes one grade succeeds")
    changed = ProductChange.objects.of_last_import().regraded().filter(
        product__in=Favourite.objects.values("product"))
    check([(c.product_id, c.nutriscore_before, c.nutriscore_after) for c in changed] ==
          [(graded.code, "b", "a")],
          "ProductChange: the favourites whose Nutri-Score changed at the last import")

    before = psql(database, "SELECT count(*) FROM off.products")
    refused = offimport(binary, reduced, database, "delete", tmp)
    check(refused.returncode == 1, f"delete mode: the import is refused ({refused.returncode})")
    check("violate foreign key constraint" in refused.stderr and
          "of table favourites_favourite" in refused.stderr and
          'removed_products = "mark"' in refused.stderr,
          "delete mode: the message names the constraint, the table and the way out: "
          + refused.stderr.strip().splitlines()[-1][:300])
    check(psql(database, "SELECT count(*) FROM off.products") == before,
          "delete mode: nothing was changed")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offimport", required=True)
    args = parser.parse_args()
    with catalogue.imported_catalogue(args.offimport, "offcatalogue_test", EXTRA) as (database,
                                                                                   tmp):
        django_checks(args.offimport, catalogue.SAMPLE, database, tmp)
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())

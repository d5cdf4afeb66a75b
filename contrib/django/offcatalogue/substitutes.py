"""Healthier substitutes: products of the same category with a better Nutri-Score.

The category compared is the product's most specific one that can hold a comparison. Open
Food Facts lists a product's categories from the most general to the most specific, so the
rule is: the category of highest position among the product's categories that are written
with a language prefix ("en:yogurts", not a free-text tag such as "Groceries"), are not
"en:undefined", and hold at least MIN_CATEGORY_SIZE other graded products of the catalogue.
"""
from .models import Category, Product

MIN_CATEGORY_SIZE = 2
GRADES = ["a", "b", "c", "d", "e"]


def comparison_category(product):
    """The category `product` is compared in, or None (no category fits the rule)."""
    links = product.category_links.select_related("category").order_by("-position")
    for link in links:
        tag = link.category.tag
        if ":" not in tag or tag == "en:undefined":
            continue
        graded = (Product.objects.present().filter(categories=link.category)
                  .exclude(code=product.code).exclude(nutriscore_grade__isnull=True))
        if graded[:MIN_CATEGORY_SIZE].count() >= MIN_CATEGORY_SIZE:
            return link.category
    return None


def substitutes(product, limit=10):
    """Up to `limit` present products of the comparison category with a better Nutri-Score,
    best first (then by name). Empty when the product has no grade or no category fits."""
    if product.nutriscore_grade not in GRADES:
        return []
    category = comparison_category(product)
    if category is None:
        return []
    better = GRADES[:GRADES.index(product.nutriscore_grade)]
    return list(Product.objects.present()
                .filter(categories=category, nutriscore_grade__in=better)
                .exclude(code=product.code)
                .order_by("nutriscore_grade", "product_name", "code")[:limit])

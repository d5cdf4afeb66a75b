"""Healthier substitutes: products of the same category with a better Nutri-Score.

With offimport's extra column compared_to_category (settings.OFFCATALOGUE_EXTRA_COLUMNS), the
category compared is the one Open Food Facts compares the product with, when its tag passes
the rule below and the catalogue holds at least MIN_CATEGORY_SIZE other graded products of it.

Otherwise (no such column, no value, or it does not fit) it is the product's most specific
category that can hold a comparison. Open Food Facts lists a product's categories from the
most general to the most specific, so the rule is: the category of highest position among the
product's categories that are written with a language prefix ("en:yogurts", not a free-text
tag such as "Groceries"), are not "en:undefined", and hold at least MIN_CATEGORY_SIZE other
graded products of the catalogue.
"""
from .models import EXTRA_COLUMNS, Category, Product

MIN_CATEGORY_SIZE = 2
GRADES = ["a", "b", "c", "d", "e"]


def comparable_tag(tag):
    return ":" in tag and tag != "en:undefined"


def holds_comparison(category, product):
    graded = (Product.objects.present().filter(categories=category)
              .exclude(code=product.code).exclude(nutriscore_grade__isnull=True))
    return graded[:MIN_CATEGORY_SIZE].count() >= MIN_CATEGORY_SIZE


def published_comparison_category(product):
    """Open Food Facts' compared_to_category, when offimport fills it and it fits."""
    if "compared_to_category" not in EXTRA_COLUMNS or not product.compared_to_category or \
            not comparable_tag(product.compared_to_category):
        return None
    category = Category.objects.filter(tag=product.compared_to_category).first()
    return category if category and holds_comparison(category, product) else None


def comparison_category(product):
    """The category `product` is compared in, or None (no category fits the rule)."""
    published = published_comparison_category(product)
    if published:
        return published
    links = product.category_links.select_related("category").order_by("-position")
    for link in links:
        tag = link.category.tag
        if comparable_tag(tag) and holds_comparison(link.category, product):
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

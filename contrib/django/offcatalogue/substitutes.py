"""Healthier substitutes of the same kind: offimport's SQL function off.substitutes(code, n) is
the one definition of the rule (docs/catalogue.md, "Healthier substitutes"), for Django as for
psql or any other application. This module only turns its rows into Product objects."""
from django.db import connection

from .models import SCHEMA, Category, Product


def _substitute_rows(product, limit):
    """(code, comparison category tag) of up to `limit` substitutes, best first."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code, category FROM {connection.ops.quote_name(SCHEMA)}"
                       ".substitutes(%s, %s)", [product.code, limit])
        return cursor.fetchall()


def substitutes(product, limit=10):
    """Up to `limit` present products of the same kind with a better Nutri-Score, best first
    (grade, categories shared, popularity, name). Empty when the product has no grade or no
    category of its kind holds a better one."""
    rows = _substitute_rows(product, limit)
    by_code = Product.objects.in_bulk([code for code, _ in rows])
    return [by_code[code] for code, _ in rows if code in by_code]


def comparison_category(product):
    """The category the substitutes come from, or None when there are none."""
    rows = _substitute_rows(product, 1)
    return Category.objects.get(tag=rows[0][1]) if rows else None


def substitutes_with_category(product, limit=10):
    """(comparison category or None, substitutes) from one call of off.substitutes: what a
    product page shows."""
    rows = _substitute_rows(product, limit)
    if not rows:
        return None, []
    by_code = Product.objects.in_bulk([code for code, _ in rows])
    return (Category.objects.filter(tag=rows[0][1]).first(),
            [by_code[code] for code, _ in rows if code in by_code])

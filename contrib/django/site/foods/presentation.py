"""How catalogue values are shown: nutrient labels and units, category tags as words, the
product's page on Open Food Facts."""
from urllib.parse import quote

# (Product field, label, unit) in the order of a nutrition table, per 100 g.
NUTRIENTS = [
    ("energy_kcal_100g", "Energy", "kcal"),
    ("fat_100g", "Fat", "g"),
    ("saturated_fat_100g", "of which saturates", "g"),
    ("carbohydrates_100g", "Carbohydrate", "g"),
    ("sugars_100g", "of which sugars", "g"),
    ("fiber_100g", "Fibre", "g"),
    ("proteins_100g", "Protein", "g"),
    ("salt_100g", "Salt", "g"),
]


def category_name(tag):
    """"en:plain-yogurts" → "Plain yogurts" (other languages keep their prefix: "fr:")."""
    language, _, name = tag.partition(":")
    words = name.replace("-", " ").strip() or tag
    words = words[:1].upper() + words[1:]
    return words if language == "en" else f"{words} ({language})"


def off_url(product):
    return product.url or f"https://world.openfoodfacts.org/product/{quote(product.code)}"

"""How catalogue values are shown: nutrient labels and units, category tags as words, the
product's page on Open Food Facts, a page of search results."""
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


class ResultPage:
    """Page `number` of ranked results, `size` a page, `limit` results at most. Search asks for
    wanted() codes, then fill()s the page with them: no count of every match is needed."""

    def __init__(self, number, size, limit):
        try:
            self.number = max(1, int(number or 1))
        except ValueError:
            self.number = 1
        self.size, self.limit = size, limit
        self.last_number = (limit + size - 1) // size
        self.number = min(self.number, self.last_number)
        self.codes, self.has_next = [], False
        self.start_index = self.end_index = 0

    def wanted(self):
        return min(self.number * self.size + 1, self.limit)

    def fill(self, codes):
        # Past the last page of what was found: the last page that has results.
        found_pages = max(1, (len(codes) + self.size - 1) // self.size)
        self.number = min(self.number, found_pages)
        start = (self.number - 1) * self.size
        self.codes = codes[start:start + self.size]
        self.has_next = len(codes) > start + self.size
        self.start_index = start + 1
        self.end_index = start + len(self.codes)

    @property
    def has_previous(self):
        return self.number > 1

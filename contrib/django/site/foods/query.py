"""What a person typed, made fit to search, and what a barcode may be: the search box and the
addresses are open to anyone, so anything may arrive (NUL bytes, which PostgreSQL refuses in
text, control characters, 10 kB of text, broken encodings decoded by Django as U+FFFD). Only
this module decides what a query and a barcode are."""
import unicodedata

MAX_LENGTH = 200
# Unicode's control, format, surrogate, private-use and unassigned characters.
UNSEARCHABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean_query(raw):
    """The text to search, or "" when nothing searchable is left. Control and unassigned
    characters become spaces (PostgreSQL refuses NUL in text), runs of spaces become one, and
    the result is cut at MAX_LENGTH characters."""
    kept = "".join(" " if c == "\ufffd" or unicodedata.category(c) in UNSEARCHABLE else c
                   for c in (raw or "")[:MAX_LENGTH * 4])
    text = " ".join(kept.split())[:MAX_LENGTH]
    return text if any(c.isalnum() for c in text) else ""


def is_barcode(text):
    """Whether `text` can be a code of the catalogue: offimport keeps codes of ASCII digits
    only (docs/catalogue.md), so anything else is known absent without asking the database."""
    return 0 < len(text) <= 64 and text.isascii() and text.isdigit()

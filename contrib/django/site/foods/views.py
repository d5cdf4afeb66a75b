"""The site's pages: search, a product and its healthier substitutes, favourites, sign-up."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from offcatalogue.models import Product, ProductChange, search_codes
from offcatalogue.substitutes import substitutes_with_category

from .models import Favourite
from .presentation import NUTRIENTS, ResultPage, category_name, off_url
from .query import MAX_LENGTH, clean_query, is_barcode


def home(request):
    return render(request, "foods/home.html", {"max_length": MAX_LENGTH})


def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    if not query:
        return render(request, "foods/home.html", {
            "max_length": MAX_LENGTH, "typed": raw[:MAX_LENGTH],
            "problem": "Type the name of a food, a brand or a barcode." if not raw.strip()
            else "Nothing in that can be searched: type letters or digits."})
    page = ResultPage(request.GET.get("page"), settings.FOODS_RESULTS_PER_PAGE,
                      settings.FOODS_SEARCH_LIMIT)
    # Only as many codes as this page and the question "is there a next one?" need, and only
    # this page's products loaded.
    page.fill(search_codes(query, page.wanted()))
    shown = Product.objects.in_bulk(page.codes)
    return render(request, "foods/search.html", {
        "query": query, "page": page, "results": [shown[c] for c in page.codes if c in shown]})


def product(request, code):
    found = Product.objects.filter(code=code).first() if is_barcode(code) else None
    if found is None or found.removed_at is not None:
        return render(request, "foods/not_found.html", {"code": code, "product": found},
                      status=404)
    category, better = substitutes_with_category(found, settings.FOODS_SUBSTITUTES)
    saved = set()
    if request.user.is_authenticated:
        saved = set(request.user.favourites.filter(product__in=better)
                    .values_list("product_id", flat=True))
    nutrients = [(label, getattr(found, field), unit) for field, label, unit in NUTRIENTS
                 if getattr(found, field) is not None]
    categories = [category_name(c.tag) for c in
                  found.categories.order_by("product_links__position")]
    return render(request, "foods/product.html", {
        "product": found, "nutrients": nutrients, "categories": categories,
        "off_url": off_url(found), "substitutes": better, "saved": saved,
        "kind": category_name(category.tag) if category else None})


@login_required
def favourites(request):
    saved = list(request.user.favourites.select_related("product", "replaces"))
    # What the last import changed in their grades (offimport's change feed): one query, on
    # the feed's index by code.
    regraded = {change.product_id: change for change in
                ProductChange.objects.of_last_import().regraded()
                .filter(product_id__in=[favourite.product_id for favourite in saved])}
    for favourite in saved:
        favourite.regraded = regraded.get(favourite.product_id)
    return render(request, "foods/favourites.html", {"favourites": saved})


@login_required
@require_POST
def save_favourite(request):
    code = request.POST.get("product", "")
    saved = Product.objects.present().filter(code=code).first() if is_barcode(code) else None
    if saved is None:
        messages.error(request, "That product is not in the catalogue any more.")
        return redirect("favourites")
    replaced = request.POST.get("replaces", "")
    replaces = Product.objects.filter(code=replaced).first() if is_barcode(replaced) else None
    _, created = Favourite.objects.get_or_create(user=request.user, product=saved,
                                                 defaults={"replaces": replaces})
    messages.success(request, f"Saved {saved}." if created else f"{saved} was already saved.")
    return redirect("favourites")


@login_required
@require_POST
def remove_favourite(request, favourite_id):
    favourite = get_object_or_404(Favourite, pk=favourite_id, user=request.user)
    favourite.delete()
    messages.success(request, f"Removed {favourite.product}.")
    return redirect("favourites")


def signup(request):
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        messages.success(request, f"Welcome, {user.username}.")
        wanted = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
            return redirect(wanted)
        return redirect("home")
    return render(request, "registration/signup.html",
                  {"form": form, "heading": "Sign up",
                   "next": request.GET.get("next", request.POST.get("next", ""))})


@require_POST
def logout(request):
    auth_logout(request)
    return redirect("home")

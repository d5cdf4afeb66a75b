#!/usr/bin/python3
"""The reference site (contrib/django/site) under its production settings, over a catalogue
offimport imported from the shared sample: every page, junk queries, CSRF on every form,
sign-up and favourites through a weekly import in mark mode, the settings production refuses,
check --deploy, and an error reported to the project's loopback Sentry receiver with no
secret in it. Exit 0: all passed; 1: a check failed; 77: no sample (outside CI)."""
import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DJANGO_DIR = os.path.dirname(HERE)
SITE = os.path.join(DJANGO_DIR, "site")
sys.path[:0] = [SITE, DJANGO_DIR]
from tests import catalogue  # noqa: E402 (needs the path above)

RECEIVER = os.path.join(DJANGO_DIR, "../../test/http/sentry_receiver.py")
check = catalogue.Checks()
JUNK = ["", "   ", "\x00", "\x00coca\x00", "%", "'", '"', "\\", "&|!:*()<>", "a" * 5000,
        "é" * 300, "🍫", "\u200b", "'; DROP TABLE off.products; --", "coca\ncola", "\ufffd",
        "coca:* & !cola", "<script>alert(1)</script>", "3017620" * 40]
RAW_JUNK = ["q=%ED%A0%80", "q=%FF%FE", "q=%00", "q=%E2%82", "q=coca&q=cola", "", "q=coca&page=zz",
            "q=coca&page=99999", "q=coca&page=-1"]


def production_env(**changes):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="offsite.settings.production",
               OFFSITE_SECRET_KEY=secrets.token_urlsafe(50), OFFSITE_ALLOWED_HOSTS="testserver")
    env.pop("SENTRY_DSN", None)
    env.update(changes)
    return {name: value for name, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(["/usr/bin/python3", os.path.join(SITE, "manage.py"), *args],
                          capture_output=True, text=True, env=env, cwd=SITE)


def settings_checks():
    deploy = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    check(deploy.returncode == 0 and "no issues" in deploy.stdout,
          "production: manage.py check --deploy finds no issue "
          + (deploy.stdout + deploy.stderr).strip()[-600:])
    refusals = [
        ({"OFFSITE_SECRET_KEY": None}, "OFFSITE_SECRET_KEY is not set"),
        ({"OFFSITE_SECRET_KEY": "short"}, "OFFSITE_SECRET_KEY has 5 characters"),
        ({"OFFSITE_ALLOWED_HOSTS": None}, "OFFSITE_ALLOWED_HOSTS is not set"),
        ({"OFFSITE_ALLOWED_HOSTS": " , "}, "OFFSITE_ALLOWED_HOSTS is not set"),
        ({"OFFSITE_ALLOWED_HOSTS": "*"}, 'OFFSITE_ALLOWED_HOSTS contains "*"'),
        ({"OFFSITE_HTTPS": "yes"}, 'OFFSITE_HTTPS is "yes"'),
    ]
    # Django keeps its checks in a set, so which one first touches the settings changes with
    # the process's memory layout: each refusal runs under environments of several sizes.
    for changes, message in refusals:
        for padding in range(4):
            env = production_env(**changes, OFFSITE_TEST_PADDING="x" * 97 * padding)
            result = manage("check", env=env)
            said = result.stderr.strip()
            check(result.returncode == 1 and said.startswith("manage.py: ") and message in said
                  and "\n" not in said and "Traceback" not in said,
                  f"production refuses {changes} in one line ({padding}): {message} "
                  f"[exit {result.returncode}: {said[-300:]!r}]")
    development = manage("diffsettings", env={name: value for name, value in os.environ.items()
                                              if name != "DJANGO_SETTINGS_MODULE"})
    check("DEBUG = True" in development.stdout, "manage.py without settings is development")
    tracked = subprocess.run(["git", "-C", SITE, "grep", "-l", "-i", "-E",
                              "(SECRET_KEY|PASSWORD|DSN) *= *['\"][^'\"<]{8,}"],
                             capture_output=True, text=True)
    check(tracked.stdout.strip() in ("", "offsite/settings/development.py"),
          f"no secret is in a tracked file but development's public key: {tracked.stdout!r}")


class Browser:
    """Django's test client as a browser over HTTPS: it keeps cookies, reads each form's CSRF
    token from the page it came from and sends the Referer a browser would."""

    def __init__(self):
        from django.test import Client
        self.client = Client(enforce_csrf_checks=True, raise_request_exception=False)

    def get(self, path, **extra):
        return self.client.get(path, secure=True, **extra)

    def submit(self, page, path, data):
        """POSTs `data` to `path` from a form of `page` (a GET path), with its token."""
        html = self.get(page).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return self.client.post(path, dict(data, csrfmiddlewaretoken=token and token.group(1)),
                                secure=True, HTTP_REFERER=f"https://testserver{page}")


def post_forms_without_token(html):
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I)
    return len(forms), [form for form in forms if "csrfmiddlewaretoken" not in form]


def page_checks(binary, database, tmp):
    from django.core.management import call_command
    from offcatalogue.models import Product
    from foods.models import Favourite

    call_command("migrate", verbosity=0)
    browser = Browser()
    home = browser.get("/")
    check(home.status_code == 200 and 'name="q"' in home.content.decode(), "/ has the search form")
    plain = browser.client.get("/search?q=cola")
    check(plain.status_code == 301 and plain["Location"].startswith("https://"),
          "production redirects plain HTTP to HTTPS")

    # Search: the ranking of Product.objects.search, 20 a page.
    page = browser.get("/search", data={"q": "coca cola"}).content.decode()
    shown = re.findall(r'href="/product/(\d+)/"', page)
    ranked = [p.code for p in Product.objects.present().search("coca cola", limit=100)]
    check(len(shown) == 20 and shown == ranked[:20],
          f"/search?q=coca cola shows the first 20 of {len(ranked)} in search order")
    second = browser.get("/search", data={"q": "coca cola", "page": "2"}).content.decode()
    check(re.findall(r'href="/product/(\d+)/"', second) == ranked[20:40], "page 2: the next 20")
    for query in JUNK:
        answer = browser.get("/search", data={"q": query})
        text = answer.content.decode()
        check(answer.status_code == 200 and ('class="problem"' in text or "/product/" in text),
              f"search {query[:30]!r}: status {answer.status_code}, a clear page")
    for raw in RAW_JUNK:
        answer = browser.get("/search", QUERY_STRING=raw)
        check(answer.status_code == 200, f"search ?{raw}: status {answer.status_code}")
    check(Product.objects.count() > 7000, "the catalogue is intact after the junk")

    # A soda graded E with substitutes: each better graded, of the kind the page names.
    code = catalogue.psql(database, """
        SELECT s.code FROM off.search_products('coca cola', 50) s
          JOIN off.products p USING (code)
         WHERE p.nutriscore_grade = 'e' AND EXISTS (SELECT FROM off.substitutes(s.code, 1))
         ORDER BY s.rank DESC, s.code LIMIT 1""")
    product = browser.get(f"/product/{code}/").content.decode()
    better = catalogue.psql(database, f"SELECT code, nutriscore_grade, category "
                                      f"FROM off.substitutes('{code}', 6)").splitlines()
    section = product.split('class="substitutes"')[1]
    check([line.split("|")[0] for line in better] == re.findall(r'href="/product/(\d+)/"',
                                                                  section),
          f"/product/{code}/ lists off.substitutes in order ({len(better)})")
    check(all(f"grade-{line.split('|')[1]}" in section for line in better) and
          "grade-e" not in section, "with their grades, all better than E")
    kind = better[0].split("|")[2].split(":", 1)[1].replace("-", " ")
    check(f"Healthier {kind}" in section, f"the page names the kind: Healthier {kind}")
    check("Nutrition per 100 g" in product and "NOVA" in product and
          f"world.openfoodfacts.org/product/{code}" in product,
          "the page has the nutrition table, NOVA and the Open Food Facts link")
    for wrong in ["0000000000000", "nope", "%00", "12%2034", "9" * 300]:
        answer = browser.get(f"/product/{wrong}/")
        check(answer.status_code == 404 and "No such product" in answer.content.decode(),
              f"/product/{wrong[:20]}/: 404 that says so")
    check(browser.get("/nowhere").status_code == 404, "an unknown address is a 404")

    # Accounts and favourites.
    check(browser.get("/favourites/").status_code == 302, "/favourites/ asks to log in first")
    weak = browser.submit("/signup/", "/signup/", {"username": "ana", "password1": "123",
                                                   "password2": "123"})
    check(weak.status_code == 200 and "too short" in weak.content.decode(),
          "sign-up refuses a weak password, saying why")
    password = secrets.token_urlsafe(12)
    signed = browser.submit("/signup/", "/signup/", {"username": "ana", "password1": password,
                                                     "password2": password,
                                                     "next": f"/product/{code}/"})
    check(signed.status_code == 302 and signed["Location"] == f"/product/{code}/",
          "sign-up logs in and goes back to the product")
    saved_code = better[0].split("|")[0]
    no_token = browser.client.post("/favourites/save", {"product": saved_code}, secure=True,
                                   HTTP_REFERER="https://testserver/")
    check(no_token.status_code == 403, "a POST without the CSRF token is refused (403)")
    saved = browser.submit(f"/product/{code}/", "/favourites/save",
                           {"product": saved_code, "replaces": code})
    check(saved.status_code == 302 and Favourite.objects.filter(product_id=saved_code).exists(),
          "a logged-in person saves a substitute")
    for wrong in ["0000", "\x00", "nope", ""]:
        unknown = browser.submit(f"/product/{code}/", "/favourites/save",
                                 {"product": wrong, "replaces": wrong})
        check(unknown.status_code == 302 and Favourite.objects.count() == 1,
              f"saving the code {wrong!r} saves nothing and says so")
    listed = browser.get("/favourites/").content.decode()
    name = Product.objects.get(code=saved_code).product_name or saved_code
    check(f'href="/product/{saved_code}/"' in listed and "instead of" in listed,
          f"/favourites/ lists {name}")
    pages = {"/": home.content.decode(), f"/product/{code}/": browser.get(
        f"/product/{code}/").content.decode(), "/favourites/": listed,
        "/signup/": Browser().get("/signup/").content.decode(),
        "/login/": Browser().get("/login/").content.decode()}
    for path, html in pages.items():
        forms, bare = post_forms_without_token(html)
        check(not bare, f"{path}: each of its {forms} POST forms carries the CSRF token")

    other = Browser()
    other.submit("/signup/", "/signup/", {"username": "bo", "password1": password + "x",
                                          "password2": password + "x"})
    favourite = Favourite.objects.get()
    stolen = other.submit("/favourites/", f"/favourites/{favourite.id}/remove", {})
    check(stolen.status_code == 404 and Favourite.objects.filter(pk=favourite.pk).exists(),
          "another person cannot remove it (404)")

    # A weekly import changes the saved product's grade: the favourites page says so, from
    # offimport's change feed.
    before = Product.objects.get(code=saved_code).nutriscore_grade
    worse = "e" if before != "e" else "d"
    regraded = os.path.join(tmp, "regraded.jsonl.gz")
    catalogue.regraded(catalogue.SAMPLE, saved_code, worse, regraded)
    weekly = catalogue.offimport(binary, regraded, database, "mark", tmp)
    check(weekly.returncode == 0, "the weekly import with a grade changed succeeds"
          + ("" if weekly.returncode == 0 else ": " + weekly.stderr[-500:]))
    listed = browser.get("/favourites/").content.decode()
    check("Nutri-Score changed at the last update" in listed
          and f'title="Nutri-Score {worse.upper()}"' in listed,
          f"/favourites/ says the saved product went from {before} to {worse}")

    # The weekly import drops the saved product: still listed, as no longer sold.
    reduced = os.path.join(tmp, "reduced.jsonl.gz")
    catalogue.without(catalogue.SAMPLE, [saved_code], reduced)
    weekly = catalogue.offimport(binary, reduced, database, "mark", tmp)
    check(weekly.returncode == 0, "the mark-mode import succeeds"
          + ("" if weekly.returncode == 0 else ": " + weekly.stderr[-500:]))
    listed = browser.get("/favourites/").content.decode()
    check("No longer sold" in listed and name in listed
          and "Nutri-Score changed" not in listed,
          "after it, /favourites/ shows the product as no longer sold (no grade change)")
    gone = browser.get(f"/product/{saved_code}/")
    check(gone.status_code == 404 and "No longer sold" in gone.content.decode(),
          "and its page is a 404 that says it left the catalogue")
    return browser, password


def sentry_checks(browser, password, log):
    import sentry_sdk
    from django.conf import settings

    before = len(read_events(log))
    failed = browser.submit("/", "/fail/", {"password": password})
    check(failed.status_code == 500 and "Something went wrong" in failed.content.decode(),
          "a failing view answers the 500 page")
    sentry_sdk.flush(timeout=10)
    deadline = time.monotonic() + 10
    while len(read_events(log)) == before and time.monotonic() < deadline:
        time.sleep(0.1)
    events = read_events(log)[before:]
    check(len(events) == 1 and "RuntimeError" in events[0]["body"] and "/fail/" in
          events[0]["body"], f"Sentry receives one event for it ({len(events)})")
    cookies = [morsel.value for morsel in browser.client.cookies.values()]
    secret_values = {"the site's key": settings.SECRET_KEY, "the posted password": password,
                     "the database password": os.environ["PGPASSWORD"],
                     "the DSN's key": os.environ["SENTRY_DSN"].split("//")[1].split("@")[0]}
    secret_values.update({f"cookie {i}": value for i, value in enumerate(cookies) if value})
    leaked = [what for what, value in secret_values.items()
              if any(value in event["body"] for event in events)]
    check(events and not leaked, f"no secret is in the event (leaked: {leaked})")


def read_events(log):
    if not os.path.exists(log):
        return []
    with open(log, encoding="utf-8") as lines:
        return [record for record in map(json.loads, lines)
                if '"exception"' in record["body"] or '"message"' in record["body"]]


def start_receiver(tmp):
    port_file = os.path.join(tmp, "sentry.port")
    receiver = subprocess.Popen(["/usr/bin/python3", RECEIVER, "--port", "0", "--port-file",
                                 port_file, "--log", os.path.join(tmp, "sentry.log")])
    deadline = time.monotonic() + 10
    while not os.path.exists(port_file) and time.monotonic() < deadline:
        time.sleep(0.05)
    with open(port_file, encoding="ascii") as port:
        return receiver, f"http://{secrets.token_hex(16)}@127.0.0.1:{port.read()}/42"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offimport", required=True)
    args = parser.parse_args()
    catalogue.sample_or_exit()
    settings_checks()
    with catalogue.imported_catalogue(args.offimport, "offsite_views") as (database, tmp):
        receiver, dsn = start_receiver(tmp)
        try:
            os.environ.update(production_env(
                DJANGO_SETTINGS_MODULE="tests.site_settings", PGDATABASE=database,
                SENTRY_DSN=dsn, PGPASSWORD=os.environ.get("PGPASSWORD") or
                secrets.token_urlsafe(16)))
            import django
            django.setup()
            browser, password = page_checks(args.offimport, database, tmp)
            sentry_checks(browser, password, os.path.join(tmp, "sentry.log"))
        finally:
            receiver.terminate()
            receiver.wait()
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The reference site as it is deployed, in a real browser: Gunicorn behind Nginx on loopback
(deploy/serve.py, the units' configuration), connected as a database role with only the grants
README gives, over a catalogue offimport imported from the shared sample; headless Chromium
driven by Selenium searches a soda, opens it, sees healthier substitutes of the same kind,
signs up, saves one, finds it in the favourites, and after a mark-mode import that removes it
finds it listed as no longer sold. A screenshot of each page goes to --screenshots.
Exit 0: all passed; 1: a check failed; 77: no sample or no browser (outside CI)."""
import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DJANGO_DIR = os.path.dirname(HERE)
SITE = os.path.join(DJANGO_DIR, "site")
sys.path[:0] = [os.path.join(SITE, "deploy"), DJANGO_DIR]
import serve  # noqa: E402 (needs the path above)
from tests import catalogue  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
check = catalogue.Checks()


def browser_or_exit():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER, serve.NGINX, serve.GUNICORN)
               if not os.path.exists(path)]
    try:
        import selenium  # noqa: F401 (only whether it is there)
    except ImportError:
        missing.append("python3-selenium")
    if missing:
        catalogue.skip(f"{', '.join(missing)} not installed (tools/setup installs them)")


def site_role(database):
    """A role of this test's own with README's grants (deploy/grants.sql): it reads the
    catalogue, references its products, and owns the site's tables."""
    role, password = f"offsite_{os.getpid()}_{secrets.token_hex(3)}", secrets.token_urlsafe(16)
    catalogue.psql(database, f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    importer = catalogue.psql(database, "SELECT current_user")
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-v",
                    f"site={role}", "-v", f"importer={importer}", "-f",
                    os.path.join(SITE, "deploy", "grants.sql")], check=True)
    return role, password


def site_env(database, role, password, tmp):
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("OFFSITE_", "SENTRY_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="offsite.settings.production", PGDATABASE=database,
               PGUSER=role, PGPASSWORD=password, OFFSITE_SECRET_KEY=secrets.token_urlsafe(50),
               OFFSITE_ALLOWED_HOSTS="127.0.0.1", OFFSITE_HTTPS="false",
               OFFSITE_STATIC_ROOT=os.path.join(tmp, "static"), OFFSITE_WORKERS="2")
    return env


def manage(env, *args):
    result = subprocess.run(["/usr/bin/python3", os.path.join(SITE, "manage.py"), *args],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-1500:]}")


def chromium(tmp):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", f"--user-data-dir={tmp}/chromium",
                     # Product images live on Open Food Facts' servers: no test goes there.
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


class Pages:
    """The browser, with a numbered screenshot of each page it shows."""

    def __init__(self, driver, url, folder):
        self.driver, self.url, self.folder, self.count = driver, url.rstrip("/"), folder, 0
        os.makedirs(folder, exist_ok=True)

    def shot(self, name):
        self.count += 1
        path = os.path.join(self.folder, f"{self.count:02d}-{name}.png")
        self.driver.save_screenshot(path)
        check("<script" not in self.driver.page_source,
              f"{name}: no script on the page (screenshot {os.path.basename(path)})")

    def open(self, path):
        self.driver.get(self.url + path)

    def follow(self, element, submit=False):
        """Clicks `element` (or submits its form) and waits until the next page has replaced
        this one: WebDriver may return from the click while the POST and its redirect are
        still under way, and a loaded machine showed the old page's URL."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        page = self.driver.find_element(By.TAG_NAME, "html")
        element.submit() if submit else element.click()
        wait = WebDriverWait(self.driver, 30)
        wait.until(expected_conditions.staleness_of(page))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def css(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text(self):
        return self.css("main")[0].text


def journey(pages, binary, database, tmp):
    from selenium.webdriver.common.by import By

    code = catalogue.psql(database, """
        SELECT s.code FROM off.search_products('coca cola', 20) s
          JOIN off.products p USING (code)
         WHERE p.nutriscore_grade = 'e' AND EXISTS (SELECT FROM off.substitutes(s.code, 1))
         ORDER BY s.rank DESC, s.code LIMIT 1""")
    pages.open("/")
    pages.shot("home")
    box = pages.css("main input[name=q]")[0]
    box.send_keys("coca cola")
    pages.follow(box, submit=True)
    check("/search?q=coca+cola" in pages.driver.current_url, "the form searches")
    links = pages.css(f'ol.results a[href="/product/{code}/"]')
    check(len(links) == 1, f"the results list the soda {code}")
    pages.shot("search")

    pages.follow(links[0])
    check(pages.driver.current_url.endswith(f"/product/{code}/"), "its page opens")
    grade = pages.css("p.scores .grade")[0].text
    substitutes = pages.css(".substitutes li")
    grades = [item.find_element(By.CSS_SELECTOR, ".grade").text for item in substitutes]
    kind = pages.css(".substitutes h2")[0].text
    check(grade == "E" and substitutes and all(g < grade for g in grades),
          f"it shows grade {grade} and {len(substitutes)} substitutes graded {grades}")
    same_kind = catalogue.psql(database, f"""
        SELECT bool_and(p.categories_tags @> ARRAY[s.category]) AND count(*) = {len(grades)}
          FROM off.substitutes('{code}', 6) s JOIN off.products p USING (code)""")
    check(kind.startswith("Healthier ") and same_kind == "t",
          f"of the same kind: \"{kind}\", every one in that category")
    pages.shot("product")

    pages.follow(pages.css(".substitutes a[href^='/signup/']")[0])
    pages.shot("signup")
    password = secrets.token_urlsafe(12)
    for name, value in [("username", "ana"), ("password1", password), ("password2", password)]:
        pages.css(f"input[name={name}]")[0].send_keys(value)
    pages.follow(pages.css("form.account button")[0])
    check(pages.driver.current_url.endswith(f"/product/{code}/") and
          "Log out ana" in pages.driver.page_source, "signed up and back on the soda's page")
    pages.shot("product-signed-in")

    first = pages.css(".substitutes li")[0]
    saved_code = re.search(r"/product/(\d+)/", first.find_element(
        By.CSS_SELECTOR, "a").get_attribute("href")).group(1)
    saved_name = first.find_element(By.CSS_SELECTOR, "strong").text
    pages.follow(first.find_element(By.CSS_SELECTOR, "form button"))
    check(pages.driver.current_url.endswith("/favourites/") and
          f"Saved {saved_name}." in pages.text() and
          len(pages.css(f'.favourites a[href="/product/{saved_code}/"]')) == 1,
          f"saved {saved_name}; /favourites/ lists it")
    pages.shot("favourites")

    reduced = os.path.join(tmp, "reduced.jsonl.gz")
    catalogue.without(catalogue.SAMPLE, [saved_code], reduced)
    weekly = catalogue.offimport(binary, reduced, database, "mark", tmp)
    check(weekly.returncode == 0, "a mark-mode import without it succeeds"
          + ("" if weekly.returncode == 0 else ": " + weekly.stderr[-500:]))
    pages.open("/favourites/")
    check(saved_name in pages.text() and "No longer sold" in pages.text(),
          "/favourites/ still lists it, as no longer sold")
    pages.shot("favourites-after-import")
    pages.open(f"/product/{saved_code}/")
    check("No longer sold" in pages.text(), "its page says it left the catalogue")
    pages.shot("no-longer-sold")

    pages.driver.set_window_size(390, 844)
    pages.open("/search?q=nutella")
    overflow = pages.driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth")
    check(overflow <= 0 and pages.css("ol.results li"),
          f"on a phone-sized window the results fit the width (overflow {overflow}px)")
    pages.shot("search-on-a-phone")


def served_by_nginx(url, state):
    with urllib.request.urlopen(url + "static/foods/site.css", timeout=10) as response:
        css = response.status == 200 and response.headers["Server"] == "nginx"
    with open(os.path.join(state, "nginx-access.log"), encoding="utf-8") as log:
        proxied = [line for line in log if '"GET /product/' in line]
    check(css and proxied and all(line.split()[-1] != "-" for line in proxied),
          f"Nginx served the static files and passed {len(proxied)} product pages to Gunicorn")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offimport", required=True)
    parser.add_argument("--screenshots", required=True, help="a folder for the screenshots")
    args = parser.parse_args()
    catalogue.sample_or_exit()
    browser_or_exit()
    shutil.rmtree(args.screenshots, ignore_errors=True)
    roles = []
    try:
        with catalogue.imported_catalogue(args.offimport, "offsite_browser") as (database, tmp):
            os.chmod(tmp, 0o755)  # Nginx's workers read the static files under it
            roles.append(site_role(database))
            env = site_env(database, *roles[0], tmp)
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput")
            state = os.path.join(tmp, "serve")
            saved_env = dict(os.environ)
            os.environ.clear()
            os.environ.update(env)
            try:
                url = serve.start(state)
            finally:
                os.environ.clear()
                os.environ.update(saved_env)
            driver = None
            try:
                driver = chromium(tmp)
                journey(Pages(driver, url, args.screenshots), args.offimport, database, tmp)
                served_by_nginx(url, state)
            finally:
                if driver is not None:
                    driver.quit()
                serve.stop(state)
    finally:
        for role, _ in roles:
            catalogue.psql("postgres", f"DROP ROLE IF EXISTS {role}")
    print(f"screenshots: {args.screenshots}")
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())

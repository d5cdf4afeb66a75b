#!/usr/bin/python3
"""deploy/install into a staging root: the site's code without caches, a private environment
file with a strong key that a second install keeps, nginx.conf with every placeholder filled,
and two units systemd-analyze accepts. Needs root (install refuses otherwise): exit 77 without
it, 1 under CI."""
import os
import re
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from tests import catalogue  # noqa: E402 (needs the path above)

INSTALL = os.path.join(os.path.dirname(HERE), "site", "deploy", "install")
check = catalogue.Checks()


def secret_key(env_file):
    with open(env_file, encoding="utf-8") as lines:
        return re.search(r"^OFFSITE_SECRET_KEY=(.*)$", lines.read(), re.M).group(1)


def main():
    if os.geteuid() != 0:
        catalogue.skip("deploy/install needs root")
    with tempfile.TemporaryDirectory() as root:
        first = subprocess.run([INSTALL, "--root", root, "--listen", "127.0.0.1:8181"],
                               capture_output=True, text=True)
        check(first.returncode == 0, f"install succeeds {first.stderr}")
        code = os.path.join(root, "opt/offsite")
        check(os.path.isfile(os.path.join(code, "site/manage.py")) and
              os.path.isfile(os.path.join(code, "offcatalogue/models.py")),
              "the site and offcatalogue are in /opt/offsite")
        caches = subprocess.run(["find", code, "-name", "__pycache__"], capture_output=True,
                                text=True).stdout
        check(not caches, "without Python's caches")
        env_file = os.path.join(root, "etc/offsite/offsite.env")
        mode = stat.S_IMODE(os.stat(env_file).st_mode)
        key = secret_key(env_file)
        check(mode == 0o600 and len(key) >= 50 and "<" not in key,
              f"offsite.env: mode {mode:o}, a key of {len(key)} characters")
        again = subprocess.run([INSTALL, "--root", root], capture_output=True, text=True)
        check(again.returncode == 0 and secret_key(env_file) == key and
              "kept /etc/offsite/offsite.env" in again.stdout,
              "a second install keeps the environment file and its key")
        with open(os.path.join(root, "etc/offsite/nginx.conf"), encoding="utf-8") as conf:
            text = conf.read()
        check("@" not in text.replace("$", "") and "listen 127.0.0.1:8080 default_server" in text
              and "alias /var/lib/offsite/static/;" in text,
              "nginx.conf has every placeholder filled (the second install's default port)")
        units = [os.path.join(root, "etc/systemd/system", name)
                 for name in ("offsite-gunicorn.service", "offsite-nginx.service")]
        verify = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True,
                                text=True)
        check(verify.returncode == 0, f"systemd-analyze verify accepts both units "
                                      f"{verify.stderr.strip()}")
        with open(units[0], encoding="utf-8") as unit:
            gunicorn = unit.read()
        check("@PREFIX@" not in gunicorn and
              "ExecStart=/usr/bin/gunicorn --config /opt/offsite/site/deploy/gunicorn.conf.py"
              in gunicorn and "EnvironmentFile=/etc/offsite/offsite.env" in gunicorn,
              "the Gunicorn unit names the installed site and the environment file")
        wrong = subprocess.run([INSTALL, "--prefx", "/x"], capture_output=True, text=True)
        check(wrong.returncode == 2 and "unknown argument --prefx" in wrong.stderr,
              "a mistyped option is named")
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())

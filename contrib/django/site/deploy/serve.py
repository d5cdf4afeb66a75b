#!/usr/bin/python3
"""Serves the site as production does, on loopback: Gunicorn with deploy/gunicorn.conf.py, and
Nginx with deploy/nginx.conf.in in front of it, serving the static files. Used by tools/demo
--site and by the browser test; deploy/install uses its `render` to write /etc/offsite/nginx.conf.

  serve.py start --state DIR [--port PORT] [--static DIR]   prints the site's URL
  serve.py stop --state DIR
  serve.py render --listen ADDR --gunicorn ADDR --static DIR --runtime DIR --logs DIR

The environment (database, secrets, settings module) is passed to Gunicorn as it is."""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

DEPLOY = os.path.dirname(os.path.abspath(__file__))
NGINX = "/usr/sbin/nginx"
GUNICORN = "/usr/bin/gunicorn"


def render_nginx_conf(listen, gunicorn, static_root, runtime_dir, log_dir):
    with open(os.path.join(DEPLOY, "nginx.conf.in"), encoding="utf-8") as template:
        text = template.read()
    for name, value in [("LISTEN", listen), ("GUNICORN", gunicorn), ("STATIC_ROOT", static_root),
                        ("RUNTIME_DIR", runtime_dir), ("LOG_DIR", log_dir)]:
        text = text.replace(f"@{name}@", value)
    unfilled = re.findall(r"@[A-Z_]+@", text)
    if unfilled:
        raise ValueError(f"nginx.conf.in: no value for {', '.join(sorted(set(unfilled)))}")
    return text


def wait_for(what, ready, seconds, process=None, log=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = ready()
        if value:
            return value
        if process is not None and process.poll() is not None:
            break
        time.sleep(0.1)
    tail = ""
    if log and os.path.exists(log):
        with open(log, encoding="utf-8", errors="replace") as lines:
            tail = "".join(lines.readlines()[-15:])
    raise RuntimeError(f"{what} did not start{': see ' + log if log else ''}\n{tail}")


def start_gunicorn(state):
    log = os.path.join(state, "gunicorn.log")
    env = dict(os.environ, OFFSITE_BIND="127.0.0.1:0")
    env.setdefault("OFFSITE_WORKERS", "3")
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([GUNICORN, "--config", os.path.join(DEPLOY, "gunicorn.conf.py"),
                                    "--pid", os.path.join(state, "gunicorn.pid")],
                                   stdout=out, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)

    def listening():
        with open(log, encoding="utf-8", errors="replace") as lines:
            found = re.search(r"Listening at: http://(127\.0\.0\.1:\d+)", lines.read())
        return found and found.group(1)

    # Gunicorn binds port 0 (the kernel picks a free one) and logs the one it got.
    return wait_for("Gunicorn", listening, 30, process, log)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status < 500
    except OSError:
        return False


def start_nginx(state, port, upstream, static_root):
    """Nginx on 127.0.0.1:`port`; with port 0, on a free port (tried again if another program
    takes it between the probe and Nginx's bind)."""
    for attempt in range(5):
        listen = port or free_port()
        conf = os.path.join(state, "nginx.conf")
        with open(conf, "w", encoding="utf-8") as out:
            out.write(render_nginx_conf(f"127.0.0.1:{listen}", upstream, static_root, state,
                                        state))
        log = os.path.join(state, "nginx-error.log")
        process = subprocess.Popen([NGINX, "-p", state, "-c", conf, "-e", log],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        # Nginx daemonizes: its first process exits once the master listens (or fails).
        _, error = process.communicate(timeout=30)
        if process.returncode == 0:
            url = f"http://127.0.0.1:{listen}/"
            wait_for("Nginx", lambda: answers(url), 30, log=log)
            return url
        if port or b"Address already in use" not in error or attempt == 4:
            raise RuntimeError(f"Nginx did not start: {error.decode(errors='replace').strip()}")
    raise AssertionError("unreachable")


def start(state, port=0, static_root=None):
    os.makedirs(state, exist_ok=True)
    # Nginx's workers run as another user when the master runs as root: they read the static
    # files and write their temporary files under `state`.
    os.chmod(state, 0o755)
    upstream = start_gunicorn(state)
    try:
        return start_nginx(state, port, upstream,
                           static_root or os.environ.get("OFFSITE_STATIC_ROOT", ""))
    except Exception:
        stop(state)
        raise


def stop(state):
    """Stops what start() started; quiet when nothing runs."""
    for name in ("nginx.pid", "gunicorn.pid"):
        path = os.path.join(state, name)
        try:
            with open(path, encoding="ascii") as pid_file:
                pid = int(pid_file.read().strip())
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            continue
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except OSError:
                break
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("start", help="start Gunicorn and Nginx, print the URL")
    run.add_argument("--state", required=True, help="a directory for pids, logs, nginx.conf")
    run.add_argument("--port", type=int, default=0, help="Nginx's port (default: a free one)")
    run.add_argument("--static", help="collectstatic's directory (default OFFSITE_STATIC_ROOT)")
    halt = commands.add_parser("stop", help="stop them")
    halt.add_argument("--state", required=True)
    render = commands.add_parser("render", help="print an nginx.conf")
    for name in ("listen", "gunicorn", "static", "runtime", "logs"):
        render.add_argument(f"--{name}", required=True)
    args = parser.parse_args()
    if args.command == "start":
        print(start(os.path.abspath(args.state), args.port, args.static))
    elif args.command == "stop":
        stop(os.path.abspath(args.state))
    else:
        print(render_nginx_conf(args.listen, args.gunicorn, args.static, args.runtime, args.logs),
              end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""PostgreSQL clusters of a test's own, for what one shared test cluster cannot show: a
streaming standby (pg_basebackup -R) and logical replication (wal_level = logical). Each
cluster lives in the test's temporary folder and listens only on a Unix socket there, so tests
share no port and no file. As root, the servers run as the postgres user."""
import contextlib
import gzip
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

BIN = "/usr/lib/postgresql/15/bin"
HERE = os.path.dirname(os.path.abspath(__file__))
MANY_PRODUCTS = os.path.join(HERE, "../../tools/benchmark/many_products.py")
PORT = 5432  # each socket is in a folder of its own: the number names the file only


def as_server_user(command):
    """`command` as the postgres user when root (initdb refuses root), else as it is."""
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n"
                           f"{result.stdout}{result.stderr}")
    return result.stdout


def servers_or_skip():
    """Skips the test (77) without PostgreSQL 15's server programs; under CI, fails it."""
    if os.path.exists(f"{BIN}/initdb"):
        return
    message = f"{BIN}/initdb not found: install postgresql-15 (tools/setup does)"
    if os.environ.get("CI") == "true":
        print("FAIL: " + message)
        sys.exit(1)
    print("SKIP: " + message)
    sys.exit(77)


class Cluster:
    """One server: `directory`/data, its socket in `directory`/socket."""

    def __init__(self, directory, settings=()):
        self.directory = directory
        self.data = os.path.join(directory, "data")
        self.socket = os.path.join(directory, "socket")
        self.settings = list(settings)
        os.makedirs(self.socket, mode=0o700)
        os.chmod(directory, 0o700)
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            for path in (directory, self.socket):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)

    def init(self):
        run(as_server_user([f"{BIN}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                            "-E", "UTF8", "--locale=C.UTF-8"]))
        return self

    def start(self):
        options = [f"-c unix_socket_directories='{self.socket}'", "-c listen_addresses=''",
                   f"-p {PORT}"] + [f"-c {setting}" for setting in self.settings]
        run(as_server_user([f"{BIN}/pg_ctl", "-D", self.data, "-w", "-t", "60", "-l",
                            os.path.join(self.directory, "server.log"), "-o",
                            " ".join(options), "start"]))
        return self

    def stop(self):
        subprocess.run(as_server_user([f"{BIN}/pg_ctl", "-D", self.data, "-m", "immediate",
                                       "stop"]), capture_output=True)

    def conninfo(self, database="postgres"):
        return f"host={self.socket} port={PORT} user=postgres dbname={database}"

    def psql(self, database, sql):
        return run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d",
                    self.conninfo(database), "-c", sql]).strip()

    def standby(self, directory):
        """A streaming standby of this cluster, from pg_basebackup -R, started."""
        replica = Cluster(directory, self.settings)
        run(as_server_user([f"{BIN}/pg_basebackup", "-D", replica.data, "-R", "-X", "stream", "-c", "fast",
                            "-d", self.conninfo()]))
        return replica.start()

    def log(self):
        with open(os.path.join(self.directory, "server.log"), encoding="utf-8",
                  errors="replace") as text:
            return text.read()


@contextlib.contextmanager
def test_folder():
    """A private temporary folder, removed at the end with the servers in it stopped."""
    servers_or_skip()
    folder = tempfile.mkdtemp(prefix="offimport-replicas-")
    os.chmod(folder, 0o711)  # the servers' user passes through to its own folders
    clusters = []
    try:
        yield folder, clusters
    finally:
        for cluster in clusters:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def write_dump(path, count, change_rate=0.0, drop_rate=0.0):
    """A gzip dump of `count` small products (tools/benchmark/many_products.py)."""
    text = run([sys.executable, MANY_PRODUCTS, str(count), "--change-rate", str(change_rate),
                "--drop-rate", str(drop_rate)])
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(text)
    os.chmod(path, 0o644)
    return path


def migrate(binary, cluster, database):
    """The catalogue's tables in `database`, as offimport --migrate makes them."""
    run([binary, "--migrate", "--database", cluster.conninfo(database), "-q"])


def offimport(binary, cluster, database, source, folder, extra=""):
    """A full import of `source`; returns the finished process."""
    config = os.path.join(folder, "offimport.toml")
    with open(config, "w", encoding="utf-8") as out:
        out.write("[import]\nmin_products = 1\n" + extra)
    return subprocess.run([binary, "--full", "0", "--source", source, "--database",
                           cluster.conninfo(database), "--config", config, "--no-progress"],
                          capture_output=True, text=True)


def wait_until(condition, what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


# What a reader of the catalogue sees, in one snapshot: the products, their categories and
# links, the change feed and the successful runs, each as its row count and the sum of its rows'
# hashes (no sort: a snapshot every few hundred milliseconds). Equal signatures, equal
# catalogues.
SIGNATURE = """
SELECT concat_ws('|',
    (SELECT count(*) || ':' || sum(hashtext(p::text)) FROM off.products p),
    (SELECT count(*) || ':' || sum(hashtext(c::text)) FROM off.categories c),
    (SELECT count(*) || ':' || sum(hashtext(l::text)) FROM off.product_categories l),
    (SELECT count(*) || ':' || sum(hashtext(f::text)) FROM off.product_changes f),
    (SELECT count(*) FROM off.runs WHERE status = 'succeeded'))"""

"""An import seen from a streaming standby (pg_basebackup -R), as the application's readers
would see it on a read replica:

- during the first import, a reader on the standby waits for the import's table locks no longer
  than a reader on the primary does, and no standby query is cancelled by replay;
- during a weekly import, a reader on the standby sees the previous catalogue until the
  import's commit is replayed, then the whole new one, never a mix of the two.

Usage: standby_test.py --offimport PATH"""
import argparse
import os
import sys
import threading
import time

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from throwaway_cluster import (Cluster, SIGNATURE, migrate, offimport,  # noqa: E402
                               test_folder, wait_until, write_dump)

PRODUCTS = 30000


class Reader(threading.Thread):
    """Runs `sql` again and again on its own connection until stopped; keeps each answer, how
    long each took, and the errors."""

    def __init__(self, conninfo, sql):
        super().__init__(daemon=True)
        self.connection = psycopg2.connect(conninfo)
        self.connection.autocommit = True
        self.sql = sql
        self.answers, self.seconds, self.errors, self.times = [], [], [], []
        self.stopping = threading.Event()

    def run(self):
        with self.connection.cursor() as cursor:
            while not self.stopping.is_set():
                started = time.monotonic()
                try:
                    cursor.execute(self.sql)
                    self.answers.append(cursor.fetchone()[0])
                    self.times.append(started)
                except psycopg2.Error as error:
                    self.errors.append(str(error).strip())
                self.seconds.append(time.monotonic() - started)

    def stop(self):
        self.stopping.set()
        self.join()
        self.connection.close()


def caught_up(primary, standby):
    position = primary.psql("postgres", "SELECT pg_current_wal_lsn()")
    return lambda: standby.psql(
        "postgres", f"SELECT pg_last_wal_replay_lsn() >= '{position}'::pg_lsn") == "t"


def first_import_locks(binary, primary, standby, folder, dump):
    """The first import with a reader on each server; their longest waits."""
    count = "SELECT count(*) FROM off.products"
    readers = {"primary": Reader(primary.conninfo("catalogue"), count),
               "standby": Reader(standby.conninfo("catalogue"), count)}
    for reader in readers.values():
        reader.start()
    time.sleep(0.5)
    result = offimport(binary, primary, "catalogue", dump, folder)
    assert result.returncode == 0, result.stderr
    wait_until(caught_up(primary, standby), "the standby to replay the first import")
    time.sleep(0.5)
    for reader in readers.values():
        reader.stop()
    longest = {name: max(reader.seconds) for name, reader in readers.items()}
    print(f"first import: longest wait of a reader: primary {longest['primary']:.2f} s, "
          f"standby {longest['standby']:.2f} s ({len(readers['standby'].seconds)} standby "
          "queries)")
    assert not readers["standby"].errors, readers["standby"].errors[:3]
    assert not readers["primary"].errors, readers["primary"].errors[:3]
    assert readers["standby"].answers[-1] == PRODUCTS, readers["standby"].answers[-1]
    # The standby takes the locks when it replays them and frees them when it replays the
    # commit: as long as the primary held them, give or take the replay's lag.
    assert longest["standby"] <= longest["primary"] + 5.0, longest


def weekly_import_atomic(binary, primary, standby, folder, dump):
    """A weekly import with a standby reader taking the catalogue's signature meanwhile."""
    before = standby.psql("catalogue", SIGNATURE)
    reader = Reader(standby.conninfo("catalogue"), SIGNATURE)
    reader.start()
    wait_until(lambda: len(reader.answers) >= 3, "the standby reader's first answers")
    import_started = time.monotonic()
    result = offimport(binary, primary, "catalogue", dump, folder)
    import_ended = time.monotonic()
    assert result.returncode == 0, result.stderr
    after = primary.psql("catalogue", SIGNATURE)
    assert after != before
    wait_until(caught_up(primary, standby), "the standby to replay the weekly import")
    seen_after = len(reader.answers)
    wait_until(lambda: len(reader.answers) >= seen_after + 3, "answers after the replay")
    reader.stop()
    assert not reader.errors, reader.errors[:3]
    unknown = set(reader.answers) - {before, after}
    switches = sum(1 for a, b in zip(reader.answers, reader.answers[1:]) if a != b)
    during = sum(1 for t in reader.times if import_started <= t < import_ended)
    print(f"weekly import: {len(reader.answers)} standby snapshots ({during} taken while it "
          f"ran), "
          f"{reader.answers.count(before)} of the previous catalogue, "
          f"{reader.answers.count(after)} of the new one, {len(unknown)} of anything else")
    assert not unknown, "a standby reader saw a catalogue that is neither before nor after"
    assert reader.answers[0] == before and reader.answers[-1] == after
    assert switches == 1, f"the catalogue changed {switches} times for the standby reader"
    changes = standby.psql("catalogue", "SELECT count(*) FROM off.product_changes")
    assert int(changes) > 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offimport", required=True)
    binary = parser.parse_args().offimport
    with test_folder() as (folder, clusters):
        primary = Cluster(os.path.join(folder, "primary")).init().start()
        clusters.append(primary)
        primary.psql("postgres", "CREATE DATABASE catalogue")
        migrate(binary, primary, "catalogue")
        standby = primary.standby(os.path.join(folder, "standby"))
        clusters.append(standby)
        wait_until(caught_up(primary, standby), "the standby to start")
        started = time.monotonic()
        first = write_dump(os.path.join(folder, "first.jsonl.gz"), PRODUCTS)
        weekly = write_dump(os.path.join(folder, "weekly.jsonl.gz"), PRODUCTS, 0.05, 0.01)
        print(f"dumps written in {time.monotonic() - started:.1f} s")
        first_import_locks(binary, primary, standby, folder, first)
        print(f"first import checked at {time.monotonic() - started:.1f} s")
        weekly_import_atomic(binary, primary, standby, folder, weekly)
        print(f"weekly import checked at {time.monotonic() - started:.1f} s")
    print("ok")


if __name__ == "__main__":
    main()

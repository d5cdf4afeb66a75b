"""Logical replication of the catalogue: the off tables published (FOR TABLES IN SCHEMA off) and
subscribed to from a second database, as an application would copy them to a server of its
own. After a first import and a weekly one (5 % changed, 1 % removed) on the publisher, every
table of the subscriber equals the publisher's, row for row.

Usage: logical_test.py --offimport PATH"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from throwaway_cluster import (Cluster, migrate, offimport, run, test_folder,  # noqa: E402
                               wait_until, write_dump)

PRODUCTS = 20000

# Each off table as its row count and the sum of its rows' hashes.
TABLES = """
SELECT string_agg(format('SELECT %L || '':'' || count(*) || '':'' || coalesce(sum(hashtext(t::text)), 0) FROM off.%I t',
                         tablename, tablename), ' UNION ALL ' ORDER BY tablename)
  FROM pg_tables WHERE schemaname = 'off'"""


def contents(cluster, database):
    """Every off table's count and hash, one line each, in table order."""
    union = cluster.psql(database, TABLES)
    return cluster.psql(database, f"SELECT string_agg(x, E'\\n' ORDER BY x) FROM ({union}) u(x)")


def subscribe(cluster, folder):
    """The subscriber: the off schema as the publisher has it (pg_dump --schema-only), then a
    subscription to every table of it. On one server, the slot is made apart (CREATE
    SUBSCRIPTION would wait for its own server)."""
    schema = os.path.join(folder, "schema.sql")
    with open(schema, "w", encoding="utf-8") as out:
        out.write(run(["pg_dump", "--schema-only", "--schema=off", "-d",
                       cluster.conninfo("catalogue")]))
    cluster.psql("postgres", "CREATE DATABASE replica")
    run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.conninfo("replica"), "-f",
         schema])
    cluster.psql("catalogue", "CREATE PUBLICATION off_catalogue FOR TABLES IN SCHEMA off")
    cluster.psql("catalogue", "SELECT pg_create_logical_replication_slot('replica', 'pgoutput')")
    cluster.psql("replica", "CREATE SUBSCRIPTION catalogue CONNECTION "
                 f"'{cluster.conninfo('catalogue')}' PUBLICATION off_catalogue "
                 "WITH (create_slot = false, slot_name = 'replica')")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offimport", required=True)
    binary = parser.parse_args().offimport
    with test_folder() as (folder, clusters):
        cluster = Cluster(os.path.join(folder, "server"), ["wal_level=logical"]).init().start()
        clusters.append(cluster)
        cluster.psql("postgres", "CREATE DATABASE catalogue")
        migrate(binary, cluster, "catalogue")
        first = write_dump(os.path.join(folder, "first.jsonl.gz"), PRODUCTS)
        weekly = write_dump(os.path.join(folder, "weekly.jsonl.gz"), PRODUCTS, 0.05, 0.01)
        result = offimport(binary, cluster, "catalogue", first, folder)
        assert result.returncode == 0, result.stderr

        subscribe(cluster, folder)
        synced = ("SELECT count(*) FILTER (WHERE srsubstate <> 'r') = 0 AND count(*) > 0 "
                  "FROM pg_subscription_rel")
        wait_until(lambda: cluster.psql("replica", synced) == "t", "the initial copy")
        assert contents(cluster, "replica") == contents(cluster, "catalogue")

        result = offimport(binary, cluster, "catalogue", weekly, folder)
        assert result.returncode == 0, result.stderr
        changes = cluster.psql("catalogue", "SELECT count(*) FROM off.product_changes")
        assert int(changes) > PRODUCTS * 0.05, changes
        published = contents(cluster, "catalogue")
        try:
            wait_until(lambda: contents(cluster, "replica") == published,
                       "the subscriber to equal the publisher")
        except AssertionError:
            print(cluster.log()[-3000:])
            raise
        print(f"the subscriber equals the publisher after the weekly import ({changes} change "
              "rows):")
        print(published)
    print("ok")


if __name__ == "__main__":
    main()

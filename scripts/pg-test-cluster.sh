#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests and prints its DATABASE_URL.
#   scripts/pg-test-cluster.sh start PORT DIR   (run as root: the server runs as `postgres`)
#   scripts/pg-test-cluster.sh stop DIR
# The cluster lives in DIR (a fresh temporary folder), listens only on 127.0.0.1 and
# a Unix socket in DIR, and trusts local connections: it holds nothing but test data.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
# From /, so that postgres (which cannot enter the clone directory) does not complain about it.
as_postgres() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
case "${1:-}" in
start)
	port=$2 dir=$3
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
	as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-p $port -h 127.0.0.1 -k $dir -c fsync=off -c max_connections=60" start >/dev/null
	echo "postgres://postgres@127.0.0.1:$port/postgres"
	;;
stop)
	dir=$2
	as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start PORT DIR | stop DIR" >&2
	exit 2
	;;
esac

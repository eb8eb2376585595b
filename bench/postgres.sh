# Sourced by the benchmarks: a throw-away PostgreSQL server (Debian's) on a free loopback port,
# stopped and removed when the calling script exits. Sets pg (its folder), pgbin, port, and
# defines run_pg (runs a command as the server's owner: initdb refuses root).
pg=$(mktemp -d /tmp/sweep-bench-pg.XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { run_pg "$pgbin/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg"; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg"
run_pg "$pgbin/initdb" -D "$pg/data" -U sweep --auth=trust -E UTF8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pg/data" -w -l "$pg/log" -o "-p $port -k $pg -c listen_addresses=127.0.0.1" start >/dev/null

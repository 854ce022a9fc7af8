#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# pv-pg-server.sh — a throw-away PostgreSQL 15 + PostGIS 3 server for the tests
# and the benchmark. It never touches a server the machine already has: the
# cluster lives in DIR, and the server listens only on a Unix socket in DIR
# (listen_addresses = '', no TCP port at all).
#
#   pv-pg-server.sh start DIR       initdb in DIR/data, start the server, make
#                                   the database "planviewer" (CREATE EXTENSION
#                                   postgis) and "plain" (no PostGIS), owned by
#                                   the role "planviewer" (password "pv-secret";
#                                   every login needs its password: scram-sha-256)
#   pv-pg-server.sh load DIR FILE TABLE [OGR2OGR ARGS…]
#                                   load a vector file into planviewer.TABLE with
#                                   ogr2ogr (PG: driver, geometry column "geom",
#                                   GiST index)
#   pv-pg-server.sh stop DIR        stop the server and remove DIR
#   pv-pg-server.sh env DIR         print the connection as shell assignments
#
# With PV_PG_OWNER_PID set, start leaves a watchdog that stops the server and
# removes DIR once that process has ended (a test that aborted).
#
# Prints why on stderr and exits 1 when the server cannot start (no initdb, no
# PostGIS, no postgres user when run as root…): tests then skip with that
# message. postgres refuses to run as root: as root, the server runs as the
# system user "postgres" (runuser), DIR then belongs to that user. POSIX sh.

set -eu

PV_PG_PORT=${PV_PG_PORT:-54329}
PV_PG_USER=planviewer
PV_PG_PASSWORD=pv-secret
PV_PG_DB=planviewer

die () {
  echo "pv-pg-server.sh: $*" >&2
  exit 1
}

find_bindir () {
  for dir in "${PV_PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

# as_owner CMD… runs CMD as the user who owns the cluster.
as_owner () {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# psql_super DIR SQL… runs SQL as the cluster's superuser.
psql_super () {
  dir=$1
  shift
  as_owner env PGPASSWORD="$(cat "$dir/superpass")" "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$dir" -p "$PV_PG_PORT" -U "$(cat "$dir/superuser")" "$@"
}

[ $# -ge 2 ] || die "usage: $0 start|stop|load|env DIR …"
cmd=$1
DIR=$2
shift 2

case $cmd in
  start)
    BINDIR=$(find_bindir) || die "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql-15)"
    [ -x "$BINDIR/psql" ] || BINDIR_PSQL=$(command -v psql) || die "psql is not installed"
    if ! ls "$(dirname "$BINDIR")/../../../share/postgresql/15/extension/postgis.control" >/dev/null 2>&1 &&
       ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
      die "PostGIS is not installed (apt-get install postgresql-15-postgis-3)"
    fi
    command -v ogr2ogr >/dev/null 2>&1 || die "ogr2ogr is not installed (apt-get install gdal-bin)"
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    # A Unix socket path is at most 107 bytes.
    [ ${#DIR} -le 80 ] || die "$DIR: too long a path for a Unix socket"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || die "running as root and there is no \"postgres\" user to run the server as"
      chown postgres "$DIR"
      superuser=postgres
    else
      superuser=$(id -un)
    fi
    chmod 0700 "$DIR"
    echo "$BINDIR" > "$DIR/bindir"
    echo "$superuser" > "$DIR/superuser"
    head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$DIR/superpass"
    chmod 0644 "$DIR/bindir" "$DIR/superuser" "$DIR/superpass"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR/bindir" "$DIR/superuser" "$DIR/superpass"
    if ! as_owner "$BINDIR/initdb" -D "$DIR/data" -U "$superuser" --pwfile="$DIR/superpass" \
         --auth-local=scram-sha-256 --auth-host=reject --encoding=UTF8 --locale=C.UTF-8 \
         > "$DIR/initdb.log" 2>&1; then
      cat "$DIR/initdb.log" >&2
      die "initdb failed in $DIR/data"
    fi
    # Unix socket in DIR only; small and quick: a test server.
    if ! as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
         -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -p $PV_PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB" \
         start > "$DIR/pg_ctl.log" 2>&1; then
      cat "$DIR/server.log" >&2 2>/dev/null || true
      die "the server did not start (see $DIR/server.log)"
    fi
    psql_super "$DIR" -d postgres \
      -c "CREATE ROLE $PV_PG_USER LOGIN PASSWORD '$PV_PG_PASSWORD'" \
      -c "CREATE DATABASE $PV_PG_DB OWNER $PV_PG_USER" \
      -c "CREATE DATABASE plain OWNER $PV_PG_USER" >&2 ||
      die "cannot create the test databases"
    # ogr2ogr adds a CRS that has no EPSG code to spatial_ref_sys.
    # A test that aborts never stops its server: with PV_PG_OWNER_PID, a
    # watchdog stops it (and removes DIR) once that process is gone.
    if [ -n "${PV_PG_OWNER_PID:-}" ]; then
      (
        trap '' HUP
        while kill -0 "$PV_PG_OWNER_PID" 2>/dev/null && [ -d "$DIR/data" ]; do
          sleep 2
        done
        if [ -d "$DIR/data" ]; then
          as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop > /dev/null 2>&1 || true
          rm -rf "$DIR"
        fi
      ) < /dev/null > /dev/null 2>&1 &
    fi
    psql_super "$DIR" -d "$PV_PG_DB" -c "CREATE EXTENSION postgis" \
      -c "GRANT INSERT, UPDATE ON spatial_ref_sys TO $PV_PG_USER" >&2 ||
      die "CREATE EXTENSION postgis failed"
    ;;
  load)
    [ $# -ge 2 ] || die "usage: $0 load DIR FILE TABLE [OGR2OGR ARGS…]"
    file=$1
    table=$2
    shift 2
    DIR=$(cd "$DIR" && pwd)
    PGPASSWORD=$PV_PG_PASSWORD ogr2ogr -f PostgreSQL \
      "PG:host=$DIR port=$PV_PG_PORT dbname=$PV_PG_DB user=$PV_PG_USER" "$file" \
      -nln "$table" -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=GIST \
      -lco LAUNDER=NO --config PG_USE_COPY YES -overwrite "$@" ||
      die "ogr2ogr could not load $file into $table"
    BINDIR=$(cat "$DIR/bindir")
    psql_super "$DIR" -d "$PV_PG_DB" -c "ANALYZE \"$table\"" >&2
    ;;
  stop)
    if [ -f "$DIR/bindir" ] && [ -d "$DIR/data" ]; then
      BINDIR=$(cat "$DIR/bindir")
      as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
  env)
    DIR=$(cd "$DIR" && pwd)
    echo "PGHOST=$DIR"
    echo "PGPORT=$PV_PG_PORT"
    echo "PGDATABASE=$PV_PG_DB"
    echo "PGUSER=$PV_PG_USER"
    echo "PGPASSWORD=$PV_PG_PASSWORD"
    ;;
  *)
    die "unknown command $cmd (start, load, stop, env)"
    ;;
esac

#!/bin/sh
# make-replica.sh — (re)build this machine's PostgreSQL 15 cluster "main" as a streaming replica of
# the primary, with a replication slot named after this machine. Run as root on the replica (db2):
#
#   sh make-replica.sh 10.0.0.21 db2
#
# Before: the primary has zhengming.conf and the pg_hba lines, and the role
#   CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '…';
# this machine has /etc/postgresql/15/main/conf.d/zhengming.conf (its own listen_addresses) and
# ~postgres/.pgpass with "10.0.0.21:5432:replication:replicator:<password>" (mode 0600).
# It DELETES this machine's data directory.
set -eu
PRIMARY=${1:?usage: make-replica.sh PRIMARY_HOST SLOT_NAME}
SLOT=${2:?usage: make-replica.sh PRIMARY_HOST SLOT_NAME}
VERSION=${PG_VERSION:-15}
CLUSTER=${PG_CLUSTER:-main}
DATA=/var/lib/postgresql/$VERSION/$CLUSTER
CA=${PG_CA:-/etc/postgresql/ssl/ca.crt}

pg_ctlcluster "$VERSION" "$CLUSTER" stop 2>/dev/null || true
rm -rf "$DATA"
install -d -o postgres -g postgres -m 0700 "$DATA"
# -R writes standby.signal and primary_conninfo (postgresql.auto.conf); -C -S creates the slot on
# the primary and sets primary_slot_name; -X stream copies the WAL written meanwhile.
# An old slot of the same name on the primary must be dropped first:
#   SELECT pg_drop_replication_slot('db2');
runuser -u postgres -- pg_basebackup \
  -d "host=$PRIMARY port=5432 user=replicator application_name=$SLOT sslmode=verify-full sslrootcert=$CA" \
  -D "$DATA" -R -C -S "$SLOT" -X stream --checkpoint=fast -P
pg_ctlcluster "$VERSION" "$CLUSTER" start
# On the primary, the replica should now be streaming:
#   SELECT application_name, state, sync_state, replay_lag FROM pg_stat_replication;
echo "replica of $PRIMARY started (slot $SLOT); check pg_stat_replication on the primary"

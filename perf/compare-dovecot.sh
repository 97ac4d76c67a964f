#!/usr/bin/env bash
# Loft against Dovecot on this machine, side by side: the same users, the same mail, the same
# load profiles in alternation; writes perf/results/<date>/report.md and PNG charts.
#   perf/compare-dovecot.sh [--repeats 3] [--duration 15s] [--users 20] [--messages 500] [--jfr] ...
# (`--help` lists every option.) Needs root: Dovecot's mail processes run as nobody.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
if ! command -v dovecot >/dev/null || [ ! -x /usr/lib/dovecot/imap ] || [ ! -x /usr/lib/dovecot/pop3 ] \
    || [ ! -x /usr/lib/dovecot/lmtp ]; then
  # Installed packages must not start the system's Dovecot (it would take ports 110/143/993/995).
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd dovecot-pop3d dovecot-lmtpd
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
fi
if ! ls perf/target/loft-perf-*.jar >/dev/null 2>&1 || ! ls server/target/loft-server-*.jar >/dev/null 2>&1; then
  mvn -B -q -DskipTests package
fi
# Dovecot's IDLE watches each mailbox with inotify, one instance per imap process; Debian's default
# of 128 instances per user makes the rest poll every 30 s. Providers raise it; so do we, for the run.
old_instances="$(cat /proc/sys/fs/inotify/max_user_instances)"
if [ "$old_instances" -lt 8192 ]; then
  echo 8192 > /proc/sys/fs/inotify/max_user_instances
  trap 'echo "$old_instances" > /proc/sys/fs/inotify/max_user_instances' EXIT
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -Xmx2g -Djava.awt.headless=true \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -cp "$(ls perf/target/loft-perf-*.jar | head -n 1):perf/target/lib/*" \
  org.loftmail.perf.load.CompareDovecot --loft "$root/bin/loft" "$@"

#!/usr/bin/env bash
# Checks the release package as an administrator would meet it: the checksums match, the zip and the tar.gz hold
# the same files, everything the docs promise is inside, and - extracted into an empty folder, with nothing but a
# Java runtime on the PATH (no Maven, no ~/.m2, no sources) - bin/proklik prints its version and runs the demo.
#   verify-package.sh TARGET_DIR VERSION       (run by ./mvnw verify in the dist module)
set -euo pipefail
target="$1"; version="$2"
name="proklik-$version"
fail() { echo "verify-package: FAIL: $*" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

(cd "$target" && sha256sum --quiet -c "$name.sha256") || fail "checksums do not match"
tar -xzf "$target/$name.tar.gz" -C "$tmp"
pkg="$tmp/$name"
if [ -n "${JAVA_HOME:-}" ]; then java_bin="$JAVA_HOME/bin"; else java_bin="$(dirname "$(readlink -f "$(command -v java)")")"; fi
diff <(cd "$tmp" && find "$name" -type f | sort) <("$java_bin/jar" tf "$target/$name.zip" | grep -v '/$' | sort) \
  || fail "the zip and the tar.gz hold different files"

for f in bin/proklik bin/proklik.cmd lib/proklik.jar conf/proklik.properties README.md LICENSE NOTICE \
         docs/link-format.md docs/clicklog-format.md docs/schema.md docs/upgrade.md docs/pull.md \
         sql/helios-green/adapter-views.sql \
         sql/helios-orange/adapter-views.sql service/systemd/proklik-redirect.service \
         service/systemd/proklik-import.service service/systemd/proklik-import.timer service/nginx/proklik.conf \
         service/windows/proklik-import-task.xml service/sqlserver/proklik-import-agent-job.sql \
         licences/isbot/LICENSE licences/isbot/VERSION licences/matomo-bots/LICENSE licences/matomo-bots/COPYING.LESSER \
         licences/matomo-bots/COPYING licences/matomo-bots/VERSION; do
  [ -s "$pkg/$f" ] || fail "$f missing from the package"
done
[ -x "$pkg/bin/proklik" ] || fail "bin/proklik is not executable"
grep -q "Apache" "$pkg/NOTICE" || fail "NOTICE lists no bundled library's licence"

# Only java: a PATH with the Java runtime's bin folder and nothing else; bash started by its absolute path.
site="$tmp/site"; mkdir -p "$site"
run() { (cd "$site" && env -i HOME="$site" PATH="$java_bin" /bin/bash "$pkg/bin/proklik" "$@"); }
out="$(run --version)" || fail "bin/proklik --version failed"
echo "$out" | grep -q "proklik $version" || fail "--version does not name $version: $out"
run demo --recipients 300 > "$tmp/demo.out" 2> "$tmp/demo.err" || { cat "$tmp/demo.err" >&2; fail "bin/proklik demo failed"; }
grep -q "Campaign report: DEMO-" "$tmp/demo.out" || { cat "$tmp/demo.out" >&2; fail "the demo printed no campaign report"; }
for section in "Delivery" "Opens and clicks: raw" "Links: which part of the e-mail was clicked" \
               "A/B variants side by side" "Reacting recipients"; do
  grep -q "^$section" "$tmp/demo.out" || { cat "$tmp/demo.out" >&2; fail "the demo's report has no '$section' section"; }
done
[ -d "$site/data/db" ] || fail "the demo kept nothing in ./data of the working folder"

# The service files, as systemd and nginx read them (paths pointed at the extracted package, a throw-away cert).
units="$tmp/units"; mkdir -p "$units"
for unit in proklik-redirect.service proklik-import.service proklik-import.timer; do
  sed "s|/opt/proklik|$pkg|g" "$pkg/service/systemd/$unit" > "$units/$unit"
done
if command -v systemd-analyze >/dev/null 2>&1; then
  (cd "$units" && systemd-analyze verify ./proklik-redirect.service ./proklik-import.service ./proklik-import.timer) \
    || fail "systemd-analyze verify refuses the unit files"
  echo "verify-package: systemd-analyze verify accepts the unit files"
else
  echo "verify-package: SKIPPED systemd-analyze verify: systemd-analyze is not installed (.ci/run installs it)"
fi
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  ng="$tmp/nginx"; mkdir -p "$ng/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ng/key.pem" -out "$ng/cert.pem" -days 1 \
    -subj /CN=click.example.com >/dev/null 2>&1 || fail "openssl could not make a test certificate"
  sed -e "s|/etc/ssl/proklik/fullchain.pem|$ng/cert.pem|" -e "s|/etc/ssl/proklik/privkey.pem|$ng/key.pem|" \
    "$pkg/service/nginx/proklik.conf" > "$ng/proklik.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  include %s/proklik.conf;\n}\n' \
    "$ng" "$ng" "$ng" > "$ng/nginx.conf"
  "$(command -v nginx || echo /usr/sbin/nginx)" -t -q -c "$ng/nginx.conf" -p "$ng/" || fail "nginx -t refuses service/nginx/proklik.conf"
  echo "verify-package: nginx -t accepts service/nginx/proklik.conf"
else
  echo "verify-package: SKIPPED nginx -t: nginx is not installed (.ci/run installs it)"
fi

# bin/proklik.cmd: no cmd.exe on this machine, so its text is checked (CRLF, the jar path, every argument passed).
cmd="$pkg/bin/proklik.cmd"
[ "$(grep -c $'\r$' "$cmd")" -eq "$(wc -l < "$cmd")" ] || fail "bin/proklik.cmd has lines without CRLF"
grep -q 'lib\\proklik.jar" %\*' "$cmd" || fail "bin/proklik.cmd does not hand every argument (%*) to lib\\proklik.jar"
grep -q 'exit /b %ERRORLEVEL%' "$cmd" || fail "bin/proklik.cmd does not pass the exit code on"
echo "verify-package: bin/proklik.cmd checked as text only (CRLF, jar path, %* passthrough, exit code): a Windows run is not possible here"
echo "verify-package: OK - $name.zip and .tar.gz: checksums, same files, contents; bin/proklik --version and demo ran with only java on the PATH"

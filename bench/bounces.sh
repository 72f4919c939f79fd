#!/usr/bin/env bash
# Agreement of Proklik's bounce verdicts (hard / soft / complaint / auto-reply per recipient) with sisimai's, the
# reference open-source bounce parser, on a real-world collection: the 115 bounce messages Mailman's flufl.bounce
# ships with its tests (real bounces of many MTAs from 2000-2011, addresses anonymised). Both come as Debian
# packages: libsisimai-perl (sisimai 4.25) and python3-flufl.bounce. Prints every recipient where the verdicts
# differ, a table sisimai kind -> Proklik kind, and the RESULT line (issue 17's target: >= 97 % agreement and no
# mailbox-full or policy block ever taken as hard), then which recipients each message names against the addresses
# flufl.bounce's own tests expect (a recipient named wrongly would be suppressed or counted as bounced).
#   bench/bounces.sh            (as root it installs the two packages when missing)
#   BOUNCE_DATA=DIR bench/bounces.sh   another folder of messages (*.txt, *.eml)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="${BENCH_OUT:-/tmp/proklik-bench}"
mkdir -p "$out"

flufl_data() { dpkg -L python3-flufl.bounce 2>/dev/null | grep '/flufl/bounce/tests/data$' | head -1; }
if ! perl -MSisimai -e 1 2>/dev/null || [ -z "$(flufl_data)" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq libsisimai-perl python3-flufl.bounce >/dev/null
  else
    echo "needs the Debian packages libsisimai-perl and python3-flufl.bounce (apt-get install them as root)" >&2
    exit 2
  fi
fi
data="${BOUNCE_DATA:-$(flufl_data)}"

(cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app -am)
echo "sisimai $(perl -MSisimai -e 'print $Sisimai::VERSION'), collection $data ($(ls "$data"/*.txt "$data"/*.eml 2>/dev/null | wc -l) messages)"
perl "$here/sisimai-verdicts.pl" "$data"/*.txt 2>/dev/null > "$out/bounces-sisimai.tsv"
# The recipients flufl.bounce's own tests expect per message (its testing/helpers.py DATA table), when available.
flufl_expected="$out/bounces-flufl.tsv"
: > "$flufl_expected"
helpers="$(dpkg -L python3-flufl.bounce 2>/dev/null | grep '/flufl/bounce/testing/helpers.py$' | head -1)"
if [ -n "$helpers" ] && [ -z "${BOUNCE_DATA:-}" ]; then
  /usr/bin/python3 - "$helpers" > "$flufl_expected" <<'PY'
import ast, sys
for node in ast.parse(open(sys.argv[1]).read()).body:
    if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', '') == 'DATA':
        for entry in ast.literal_eval(node.value):
            kind = 'temporary' if len(entry) > 3 and entry[3] else 'permanent'
            for address in (entry[2] or [b'-']):
                print('%s\t%s\t%s' % (entry[1], address.decode(), kind))
PY
fi
java -cp "$repo/app/target/proklik.jar" "$here/BounceAgreement.java" "$data" "$out/bounces-sisimai.tsv" \
  $( [ -s "$flufl_expected" ] && echo "$flufl_expected" ) \
  | tee "$out/bounces-agreement.txt"

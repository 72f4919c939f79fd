#!/usr/bin/env bash
# Refreshes the vendored bot list of Matomo's device-detector (import-job/src/main/resources/matomo-bots/) from the
# npm registry. The list is Matomo's regexes/bots.yml (https://github.com/matomo-org/device-detector, LGPL-3.0 or
# later), kept up to date by its upstream; the npm port node-device-detector (MIT) ships it as regexes/bots.js and
# follows Matomo's releases. We never edit it by hand. Usage: import-job/update-matomo-bots.sh [VERSION]   (default: the newest published version
# of node-device-detector). Needs npm and node. Review the diff of bots.tsv, run the tests and bench/bots.sh, then
# commit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/src/main/resources/matomo-bots"
version="${1:-$(npm view node-device-detector version)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-device-detector@$version" >/dev/null && tar xzf "node-device-detector-$version.tgz")
# One bot a line: regex<TAB>name<TAB>category, in the list's order (the first that matches names the bot).
node -e '
  for (const b of require(process.argv[1])) {
    const cells = [b.regex, b.name || "", b.category || ""];
    if (cells.some(c => /[\t\r\n]/.test(c))) { throw new Error("a tab or line break in " + JSON.stringify(b)); }
    process.stdout.write(cells.join("\t") + "\n");
  }' "$work/package/regexes/bots.js" > "$out/bots.tsv.new"
mv "$out/bots.tsv.new" "$out/bots.tsv"
echo "node-device-detector $version" > "$out/VERSION"
echo "node-device-detector $version: $(wc -l < "$out/bots.tsv") bots in $out/bots.tsv"

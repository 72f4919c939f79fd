#!/usr/bin/env bash
# Refreshes the vendored isbot pattern list (import-job/src/main/resources/isbot/) from the npm registry.
# isbot (https://github.com/omrilotan/isbot, Unlicense) is kept up to date by its upstream; we never edit the
# list by hand. Usage: import-job/update-isbot.sh [VERSION]   (default: the newest published version)
# Needs npm and node. Review the diff of patterns.txt, run the tests and bench/bots.sh, then commit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/src/main/resources/isbot"
version="${1:-$(npm view isbot version)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "isbot@$version" >/dev/null && tar xzf "isbot-$version.tgz")
node -e '
  const list = require(process.argv[1]).list;
  for (const p of list) {
    if (/[\r\n]/.test(p)) { throw new Error("pattern with a line break: " + p); }
    process.stdout.write(p + "\n");
  }' "$work/package/index.js" > "$out/patterns.txt.new"
mv "$out/patterns.txt.new" "$out/patterns.txt"
cp "$work/package/LICENSE" "$out/LICENSE"
echo "$version" > "$out/VERSION"
echo "isbot $version: $(wc -l < "$out/patterns.txt") patterns in $out/patterns.txt"

#!/usr/bin/env bash
# Bot classification benchmark (issue 13): the share of labelled bots and of real browsers that the import's own
# classification (EventClassifier: Yauaa + the vendored isbot list + the mail-proxy rule) flags, against two
# baselines measured in the same run: Yauaa alone (rules version 1) and isbot alone.
#
# The corpora come from public labelled sources that are NOT the adopted list (isbot), fetched from npm:
#   bots:     crawler-user-agents (its "instances": real agents of each listed crawler, with a description)
#   browsers: user-agents (real browser agents seen on a live site, with their traffic weight) and
#             top-user-agents (the most common browser agents)
# Usage: bench/bots.sh            (prints the figures; paste them into bench/RESULTS.md)
# Env:   CRAWLERS_VERSION, USER_AGENTS_VERSION, TOP_VERSION pin the corpora (defaults below, the ones measured).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
ensure_packages npm:npm node:nodejs

CRAWLERS_VERSION="${CRAWLERS_VERSION:-1.60.0}"
USER_AGENTS_VERSION="${USER_AGENTS_VERSION:-2.1.198}"
TOP_VERSION="${TOP_VERSION:-2.1.138}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
say "fetching corpora: crawler-user-agents@$CRAWLERS_VERSION user-agents@$USER_AGENTS_VERSION top-user-agents@$TOP_VERSION"
for pkg in "crawler-user-agents@$CRAWLERS_VERSION" "user-agents@$USER_AGENTS_VERSION" "top-user-agents@$TOP_VERSION"; do
  name="${pkg%@*}"
  mkdir -p "$work/$name"
  (cd "$work/$name" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz)
done

# One agent a line: bots.tsv = description<TAB>agent; browsers.tsv = source<TAB>weight<TAB>agent. Tabs and line
# breaks inside an agent become spaces (no agent in these corpora has one).
node -e '
  const fs = require("fs");
  const clean = s => String(s).replace(/[\t\r\n]/g, " ");
  const w = process.argv[1];
  const crawlers = require(w + "/crawler-user-agents/package/crawler-user-agents.json");
  const bots = [];
  for (const c of crawlers) for (const ua of c.instances || []) bots.push(clean(c.description || c.pattern) + "\t" + clean(ua));
  fs.writeFileSync(w + "/bots.tsv", bots.join("\n") + "\n");
  const weights = new Map();
  for (const r of require(w + "/user-agents/package/dist/user-agents.json")) {
    weights.set(r.userAgent, (weights.get(r.userAgent) || 0) + r.weight);
  }
  const browsers = [];
  for (const [ua, weight] of weights) browsers.push("user-agents\t" + weight + "\t" + clean(ua));
  const top = new Set([...require(w + "/top-user-agents/package/src/desktop.json"),
                       ...require(w + "/top-user-agents/package/src/mobile.json"),
                       ...require(w + "/top-user-agents/package/src/index.json")]);
  for (const ua of top) if (!weights.has(ua)) browsers.push("top-user-agents\t0\t" + clean(ua));
  fs.writeFileSync(w + "/browsers.tsv", browsers.join("\n") + "\n");
' "$work"

jar=app/target/proklik.jar
if [ ! -f "$jar" ] || [ -n "$(find import-job/src tracking-core/src -newer "$jar" -print -quit)" ]; then
  say "building $jar (package, no install)"
  ./mvnw -B -ntp -q -DskipTests package >&2
fi
echo "corpora: crawler-user-agents@$CRAWLERS_VERSION, user-agents@$USER_AGENTS_VERSION, top-user-agents@$TOP_VERSION"
echo "bot list: isbot $(cat import-job/src/main/resources/isbot/VERSION); commit $(git rev-parse --short HEAD)"
java -cp "$jar" bench/BotsBench.java "$work/bots.tsv" "$work/browsers.tsv"

#!/usr/bin/env bash
# Bot classification benchmark (issue 13): the share of labelled bots and of real browsers that the import's own
# classification (EventClassifier: Yauaa + the vendored isbot list + Matomo device-detector's vendored bot list +
# the mail-proxy rule) flags, against baselines measured in the same run: Yauaa alone (rules version 1), each list
# alone, and Yauaa + isbot without Matomo's list. It also checks that the Java matching of Matomo's list gives the
# verdicts of the list's own JavaScript code (node-device-detector's parseBot, at the vendored version).
#
# The corpora come from public labelled sources that are NOT the adopted lists (isbot, Matomo's), fetched at pinned versions
# from npm and, for uap-core's test cases, from Debian (the npm package of uap-core ships no tests):
#   bots:     crawler-user-agents (its "instances": real agents of each listed crawler, with a description),
#             uap-core's device test cases labelled device family "Spider",
#             woothee's test sets labelled category "crawler"
#   browsers: user-agents (real browser agents seen on a live site, with their traffic weight),
#             top-user-agents (the most common browser agents),
#             uap-core's device test cases (not "Spider") in which uap-core's own parser finds a browser family
#             that the user-agents corpus (the browsers of a live site) has too,
#             woothee's test sets labelled pc, smartphone, mobilephone or appliance, with the same family test
#   An agent in more than one source is counted once, under the first source above that has it.
# Usage: bench/bots.sh            (prints the figures; paste them into bench/RESULTS.md)
# Env:   CRAWLERS_VERSION, USER_AGENTS_VERSION, TOP_VERSION, WOOTHEE_VERSION, JS_YAML_VERSION (npm) and
#        UAP_CORE_DEB (Debian) pin the corpora (defaults below, the ones measured).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
ensure_packages npm:npm node:nodejs

CRAWLERS_VERSION="${CRAWLERS_VERSION:-1.60.0}"
USER_AGENTS_VERSION="${USER_AGENTS_VERSION:-2.1.198}"
TOP_VERSION="${TOP_VERSION:-2.1.138}"
WOOTHEE_VERSION="${WOOTHEE_VERSION:-1.11.1}"
JS_YAML_VERSION="${JS_YAML_VERSION:-4.1.0}"
UAP_CORE_DEB="${UAP_CORE_DEB:-1:0.16.0-1}"

MATOMO_VERSION="$(sed 's/^node-device-detector //' import-job/src/main/resources/matomo-bots/VERSION)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
say "fetching corpora: crawler-user-agents@$CRAWLERS_VERSION user-agents@$USER_AGENTS_VERSION" \
  "top-user-agents@$TOP_VERSION woothee@$WOOTHEE_VERSION (js-yaml@$JS_YAML_VERSION to read it), Debian uap-core=$UAP_CORE_DEB"
for pkg in "crawler-user-agents@$CRAWLERS_VERSION" "user-agents@$USER_AGENTS_VERSION" "top-user-agents@$TOP_VERSION" \
           "woothee@$WOOTHEE_VERSION" "js-yaml@$JS_YAML_VERSION" "node-device-detector@$MATOMO_VERSION"; do
  name="${pkg%@*}"
  mkdir -p "$work/$name"
  (cd "$work/$name" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz)
done
# apt-get download needs the package lists; refresh them only when the pinned version is not known yet.
if ! (cd "$work" && apt-get download -qq "uap-core=$UAP_CORE_DEB" >/dev/null 2>&1); then
  say "refreshing Debian's package lists for uap-core=$UAP_CORE_DEB"
  apt-get update -qq >&2
  (cd "$work" && apt-get download -qq "uap-core=$UAP_CORE_DEB" >&2) || die "cannot fetch uap-core=$UAP_CORE_DEB"
fi
dpkg-deb -x "$work"/uap-core_*.deb "$work/uap-core"

# One agent a line: bots.tsv = source<TAB>description<TAB>agent; browsers.tsv = source<TAB>weight<TAB>agent. Tabs and line
# breaks inside an agent become spaces (no agent in these corpora has one).
node -e '
  const fs = require("fs");
  const w = process.argv[1];
  const yaml = require(w + "/js-yaml/package");
  const clean = s => String(s).replace(/[\t\r\n]/g, " ");
  const seen = new Set();
  const bots = [], browsers = [];
  // First source wins: an agent already in the corpus (as a bot or a browser) is not counted again.
  const bot = (source, label, ua) => { ua = clean(ua); if (ua && !seen.has(ua)) { seen.add(ua); bots.push(source + "\t" + clean(label) + "\t" + ua); } };
  const browser = (source, weight, ua) => { ua = clean(ua); if (ua && !seen.has(ua)) { seen.add(ua); browsers.push(source + "\t" + weight + "\t" + ua); } };

  for (const c of require(w + "/crawler-user-agents/package/crawler-user-agents.json")) {
    for (const ua of c.instances || []) bot("crawler-user-agents", c.description || c.pattern, ua);
  }
  const weights = new Map();
  for (const r of require(w + "/user-agents/package/dist/user-agents.json")) {
    weights.set(r.userAgent, (weights.get(r.userAgent) || 0) + r.weight);
  }
  for (const [ua, weight] of weights) browser("user-agents", weight, ua);
  for (const ua of [...require(w + "/top-user-agents/package/src/desktop.json"),
                    ...require(w + "/top-user-agents/package/src/mobile.json"),
                    ...require(w + "/top-user-agents/package/src/index.json")]) browser("top-user-agents", 0, ua);

  // uap-core: each device test case names the device family its regexes must find; "Spider" is its family for
  // crawlers. Many of the other device cases are not browsers (feature-phone WAP stacks, media players, app SDKs,
  // mail sync clients), so a device case counts as a real browser only when the user-agent parser of uap-core (its
  // regexes.yaml, from the same package) names a browser family that real browser traffic has: the families it
  // gives the user-agents corpus above (the browsers of a live site). No family is chosen by hand.
  const uapDir = w + "/uap-core/usr/share/uap-core";
  const parsers = yaml.load(fs.readFileSync(uapDir + "/regexes.yaml", "utf8")).user_agent_parsers
      .map(p => ({ re: new RegExp(p.regex, p.regex_flag === "i" ? "i" : ""), family: p.family_replacement }));
  const family = ua => {
    for (const p of parsers) {
      const m = p.re.exec(ua);
      if (m) return p.family ? p.family.replace("$1", m[1] || "") : m[1];
    }
    return "Other";
  };
  const browserFamilies = new Set([...weights.keys()].map(family));
  browserFamilies.delete("Other");
  const uap = yaml.load(fs.readFileSync(uapDir + "/tests/test_device.yaml", "utf8"));
  for (const t of uap.test_cases) {
    if (t.family === "Spider") bot("uap-core", "uap-core device family Spider", t.user_agent_string);
  }
  for (const t of uap.test_cases) {
    if (t.family !== "Spider" && browserFamilies.has(family(t.user_agent_string))) {
      browser("uap-core", 0, t.user_agent_string);
    }
  }
  fs.writeFileSync(w + "/families.txt", [...browserFamilies].sort().join("\n") + "\n");
  // woothee: each test case is labelled with the category its parser must find. Its categories for people hold
  // feature phones and mobile gateways too, so the same browser-family test applies as for uap-core.
  const dir = w + "/woothee/package/woothee/testsets";
  const woothee = fs.readdirSync(dir).sort().flatMap(f => yaml.load(fs.readFileSync(dir + "/" + f, "utf8")) || []);
  for (const t of woothee) if (t.category === "crawler") bot("woothee", "woothee crawler " + t.name, t.target);
  for (const t of woothee) {
    if (["pc", "smartphone", "mobilephone", "appliance"].includes(t.category)
        && browserFamilies.has(family(t.target))) {
      browser("woothee", 0, t.target);
    }
  }
  fs.writeFileSync(w + "/bots.tsv", bots.join("\n") + "\n");
  fs.writeFileSync(w + "/browsers.tsv", browsers.join("\n") + "\n");
  // The verdict of Matomo device-detector itself on each agent (1 = a bot), for the check of the Java matching.
  const DeviceDetector = require(w + "/node-device-detector/package");
  const detector = new DeviceDetector();
  const verdict = ua => { const b = detector.parseBot(ua); return b && b.name !== undefined ? 1 : 0; };
  fs.writeFileSync(w + "/matomo.tsv", [...bots, ...browsers].map(l => l.split("\t")[2])
      .map(ua => verdict(ua) + "\t" + ua).join("\n") + "\n");
' "$work"

jar=app/target/proklik.jar
if [ ! -f "$jar" ] || [ -n "$(find import-job/src tracking-core/src -newer "$jar" -print -quit)" ]; then
  say "building $jar (package, no install)"
  ./mvnw -B -ntp -q -DskipTests package >&2
fi
echo "corpora: crawler-user-agents@$CRAWLERS_VERSION, user-agents@$USER_AGENTS_VERSION, top-user-agents@$TOP_VERSION," \
  "woothee@$WOOTHEE_VERSION, uap-core (Debian) $UAP_CORE_DEB"
echo "bot lists: isbot $(cat import-job/src/main/resources/isbot/VERSION)," \
  "Matomo's from $(cat import-job/src/main/resources/matomo-bots/VERSION); commit $(git rev-parse --short HEAD)"
echo "browser families (uap-core's names for the user-agents corpus): $(paste -sd, "$work/families.txt")"
java -cp "$jar" bench/BotsBench.java "$work/bots.tsv" "$work/browsers.tsv" "$work/matomo.tsv"

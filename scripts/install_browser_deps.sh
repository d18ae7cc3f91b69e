#!/usr/bin/env bash
# What the browser tests (tests/browser/) need beyond the Python packages, installed only
# where missing, so it is cheap to run every time (CI runs it before `make test`):
#   - Debian's chromium: Playwright drives /usr/bin/chromium (a browser download of its own
#     cannot be fetched here), and fonts-noto-cjk so Chinese renders in the screenshots;
#   - Java 11 or newer (default-jre-headless) to run the Nu HTML Checker;
#   - the checker itself, vnu.jar, from the npm registry's vnu-jar package, into
#     ./node_modules with `npm ci` (package.json + package-lock.json at the repo root).
#     Its install script, which would download a Java runtime, is not run.
# apt-get needs root (or sudo); CI runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'install_browser_deps: %s\n' "$*"; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" \
  || missing+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    say "missing ${missing[*]}; run this script as root (apt-get needs it)" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Java: the Nu HTML Checker needs 11 or newer.
java_version=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
java_major=${java_version%%.*}
[ "$java_major" = "1" ] && java_major=$(echo "$java_version" | cut -d. -f2)  # 1.8 → 8
if [ -z "$java_major" ] || [ "$java_major" -lt 11 ]; then
  say "Java 11 or newer is needed for vnu.jar; found '${java_version:-none}'" >&2
  exit 1
fi

# vnu.jar: reinstall only when the installed version differs from the lock file's.
wanted=$(node -p 'require("./package-lock.json").packages["node_modules/vnu-jar"].version')
have=$(node -p 'try { require("./node_modules/vnu-jar/package.json").version } catch (e) { "" }')
if [ "$wanted" != "$have" ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  say "npm ci (vnu-jar $wanted)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

say "ready: $(/usr/bin/chromium --version 2>/dev/null | head -1), Java $java_version, vnu-jar $wanted"

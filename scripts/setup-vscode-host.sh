#!/usr/bin/env bash
# Installs the "real VS Code" used by the integration tests and by `npm run try`:
# code-server 4.100.3 (= VS Code 1.100.3, Node.js extension host on Node 20) plus
# playwright-core, driving Debian's headless chromium. Works offline: only the npm
# registry and the Debian apt mirrors are needed.
#
# Idempotent: every step checks first and does nothing when already done.
#   1. Debian packages (apt-get update only when something is missing)
#   2. @vscode/ripgrep download cache seeded with Debian's rg (GitHub is unreachable)
#   3. `npm ci` (test/vscode-host's lock file) in .vscode-test/vscode-host when missing or stale
#
# Usage: bash scripts/setup-vscode-host.sh [--apt-only|--no-apt]
# Env:   SHOTLIST_SKIP_APT=1  never call apt-get (fail if a package is missing)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# package.json and the lock file live in test/vscode-host; the packages are installed outside the
# test tree, in the ignored .vscode-test/vscode-host, so that test/ holds only our own files.
HOST_DIR="$ROOT/test/vscode-host"
INSTALL_DIR="$ROOT/.vscode-test/vscode-host"
STAMP="$INSTALL_DIR/node_modules/.shotlist-install-stamp"
MODE=${1:-all}

say() { printf '[setup-vscode-host] %s\n' "$*"; }
die() { printf '[setup-vscode-host] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [ $rc -eq 0 ] || printf "[setup-vscode-host] FAILED (exit %s); last command: %s\n" "$rc" "$BASH_COMMAND" >&2' EXIT

case "$MODE" in all|--apt-only|--no-apt) ;; *) die "unknown argument '$MODE' (expected --apt-only or --no-apt)";; esac

# --- 1. Debian packages --------------------------------------------------------------------
#  chromium + fonts-liberation: the browser that renders the workbench (headless, no Xvfb).
#  ripgrep: replaces the rg binary that @vscode/ripgrep would download from GitHub.
#  build-essential, python3, pkg-config, libkrb5-dev: code-server's install compiles native
#  modules (node-pty, @vscode/spdlog, native-watchdog, kerberos, ...) with node-gyp.
APT_PACKAGES=(chromium fonts-liberation ripgrep build-essential python3 pkg-config libkrb5-dev)

install_apt() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "apt: all packages present (${APT_PACKAGES[*]})"
    return
  fi
  say "apt: missing ${missing[*]}"
  [ "${SHOTLIST_SKIP_APT:-}" != 1 ] || die "SHOTLIST_SKIP_APT=1 but packages are missing: ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand (Debian 12 names)"
  local SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: run as root or install ${missing[*]}"
    SUDO=(sudo -n)
  fi
  say "apt: apt-get update"
  "${SUDO[@]}" apt-get update -qq >/dev/null || die "apt-get update failed (is a Debian mirror reachable?)"
  say "apt: apt-get install ${missing[*]}"
  local apt_log
  apt_log=$(mktemp -t shotlist-apt-XXXXXX.log)
  if ! DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q -o Dpkg::Use-Pty=0 \
       --no-install-recommends "${missing[@]}" >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    die "apt-get install failed for: ${missing[*]} (full log: $apt_log)"
  fi
  say "apt: installed $(grep -c '^Setting up' "$apt_log" || true) packages (log: $apt_log)"
}

if [ "$MODE" != --no-apt ]; then install_apt; fi
[ "$MODE" != --apt-only ] || { say "done (apt only)"; exit 0; }

# --- 2. Seed @vscode/ripgrep's download cache --------------------------------------------------
# code-server's shrinkwrap pins @vscode/ripgrep 1.15.11, whose postinstall fetches
# ripgrep v13.0.0-10 from api.github.com unless the asset is already in
# os.tmpdir()/vscode-ripgrep-cache-1.15.11. A tar.gz holding Debian's rg satisfies it.
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) die "unsupported CPU $(uname -m) for the ripgrep cache seed" ;;
esac
RG_BIN=$(command -v rg || true)
[ -n "$RG_BIN" ] || die "rg (Debian package ripgrep) not found"
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RG_ASSET="$RG_CACHE/ripgrep-v13.0.0-10-$RG_TARGET.tar.gz"
if [ -s "$RG_ASSET" ]; then
  say "ripgrep cache: present ($RG_ASSET)"
else
  say "ripgrep cache: seeding $RG_ASSET from $RG_BIN"
  mkdir -p "$RG_CACHE"
  rg_tmp=$(mktemp -d)
  cp "$RG_BIN" "$rg_tmp/rg"
  tar -C "$rg_tmp" -czf "$RG_ASSET.partial" rg
  mv "$RG_ASSET.partial" "$RG_ASSET"
  rm -rf "$rg_tmp"
fi

# --- 3. npm ci in test/vscode-host -------------------------------------------------------------
command -v node >/dev/null || die "node not found on PATH"
command -v npm >/dev/null || die "npm not found on PATH"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = 20 ] || die "code-server 4.100.3 needs Node 20, found $(node --version)"
[ -f "$HOST_DIR/package-lock.json" ] || die "missing $HOST_DIR/package-lock.json"

# The stamp covers the lock file and the Node ABI (native modules are compiled for it).
want_stamp="$(sha256sum "$HOST_DIR/package-lock.json" | cut -d' ' -f1) node-abi-$(node -p process.versions.modules) $(uname -m)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] \
   && [ -x "$INSTALL_DIR/node_modules/.bin/code-server" ] && [ -f "$INSTALL_DIR/node_modules/playwright-core/package.json" ]; then
  say "npm: .vscode-test/vscode-host/node_modules is up to date"
else
  if [ -d "$INSTALL_DIR/node_modules" ]; then say "npm: node_modules is stale (lock file or Node changed)"; fi
  mkdir -p "$INSTALL_DIR"
  cp "$HOST_DIR/package.json" "$HOST_DIR/package-lock.json" "$INSTALL_DIR/"
  # node-gyp must build against local headers instead of downloading them from nodejs.org.
  if [ -z "${npm_config_nodedir:-}" ]; then
    node_prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
    if [ -f "$node_prefix/include/node/node_version.h" ]; then
      export npm_config_nodedir="$node_prefix"
    else
      die "Node headers not found in $node_prefix/include/node: set npm_config_nodedir to a Node $NODE_MAJOR source/headers dir"
    fi
  fi
  say "npm: npm ci in .vscode-test/vscode-host (code-server compiles native modules: ~1-2 min; nodedir=$npm_config_nodedir)"
  started=$(date +%s)
  # npm_config_yes: node-pty's install runs `npx node-gyp`, which aborts if yes=false.
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: we use Debian's /usr/bin/chromium.
  (cd "$INSTALL_DIR" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false \
     npm_config_fund=false npm_config_update_notifier=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
     npm ci --no-audit --no-fund) || die "npm ci in .vscode-test/vscode-host failed (see the output above)"
  [ -x "$INSTALL_DIR/node_modules/.bin/code-server" ] || die "npm ci finished but node_modules/.bin/code-server is missing"
  printf '%s\n' "$want_stamp" > "$STAMP"
  say "npm: installed in $(( $(date +%s) - started )) s"
fi

# --- 4. Smoke check ----------------------------------------------------------------------------
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || die "chromium not found at $CHROMIUM"
cfg_dir=$(mktemp -d)
printf 'auth: none\ncert: false\n' > "$cfg_dir/config.yaml"   # without --config it writes ~/.config/code-server
cs_version=$("$INSTALL_DIR/node_modules/.bin/code-server" --config "$cfg_dir/config.yaml" --version 2>/dev/null | tail -1) \
  || { rm -rf "$cfg_dir"; die "code-server does not start (try: rm -rf .vscode-test/vscode-host and rerun)"; }
rm -rf "$cfg_dir"
say "ready: code-server $cs_version, chromium at $CHROMIUM"

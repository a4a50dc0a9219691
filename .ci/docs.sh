#!/usr/bin/env bash
# Builds the DocC documentation of every library module with the toolchain's own `docc` (no
# package, no network) and fails on any warning, such as a missing or broken symbol link. RosterCore
# carries the catalogue with the articles; RosterHTTP, RosterInMemory, RosterSync and
# RosterConformance have landing pages that point at them; the rest is built from doc comments.
# Output: .build/docs/Roster.doccarchive (open it with `docc preview` or any static web server).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build/docs
graphs="$scratch/symbol-graphs"
archives="$scratch/archives"
rm -rf "$graphs" "$archives" "$scratch/Roster.doccarchive"
mkdir -p "$graphs" "$archives"
modules=(RosterCore RosterHTTP RosterInMemory RosterSync RosterConformance
  RosterFrontcore FrontcoreSimulator RosterMeltingspot MeltingspotSimulator RosterCourseDashboard CourseDashboardSimulator)
# The library modules as `swift build` builds them (CI has built them already; this is then a
# no-op), and their public symbols extracted with the toolchain's symbolgraph-extract.
for module in "${modules[@]}"; do swift build --target "$module" 2>&1 | tail -1; done
modules_dir="$(swift build --show-bin-path)/Modules"
triple="$(swift -print-target-info | sed -nE 's/.*"triple": "([^"]+)".*/\1/p' | head -n 1)"
for module in "${modules[@]}"; do
  swift symbolgraph-extract -module-name "$module" -target "$triple" -I "$modules_dir" \
    -output-dir "$graphs" -minimum-access-level public
done
docc_bin="$(command -v docc || true)"
[ -n "$docc_bin" ] || docc_bin="$(dirname "$(command -v swift)")/docc"
built=()
for module in "${modules[@]}"; do
  mkdir -p "$graphs/$module"
  # A module's graph, and the graphs of its extensions to other modules (Module@Other).
  find "$graphs" -maxdepth 1 -name "$module.symbols.json" -exec mv {} "$graphs/$module/" \;
  find "$graphs" -maxdepth 1 -name "$module@*.symbols.json" -exec mv {} "$graphs/$module/" \;
  catalog=()
  found="$(find Sources Conformance Providers -type d -name "$module.docc" -print -quit)"
  [ -n "$found" ] && catalog=("$found")
  log="$scratch/$module.docc.log"
  if ! "$docc_bin" convert "${catalog[@]}" --additional-symbol-graph-dir "$graphs/$module" \
      --fallback-display-name "$module" --fallback-bundle-identifier "org.roster.$module" \
      --output-path "$archives/$module.doccarchive" --warnings-as-errors >"$log" 2>&1; then
    cat "$log" >&2
    echo "docs: FAILED: $module has documentation warnings or errors (above)" >&2
    exit 1
  fi
  if grep -qE "warning:|error:" "$log"; then
    cat "$log" >&2
    echo "docs: FAILED: $module printed warnings" >&2
    exit 1
  fi
  built+=("$archives/$module.doccarchive")
done
"$docc_bin" merge "${built[@]}" --output-path "$scratch/Roster.doccarchive" --synthesized-landing-page-name Roster \
  >"$scratch/merge.log" 2>&1 || { cat "$scratch/merge.log" >&2; echo "docs: FAILED: merge" >&2; exit 1; }
pages="$(find Sources Conformance Providers -path '*.docc/*.md' | wc -l)"
echo "docs: OK: ${#modules[@]} modules, $pages catalogue pages, no warnings ($scratch/Roster.doccarchive)"

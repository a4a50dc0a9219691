#!/usr/bin/env bash
# Proves the release step of CONTRIBUTING.md works: on a throw-away clone of this repository (never on
# the repository itself) it creates the version tag as documented, then a consumer package that
# depends on that clone with `from: "<version>"` and `traits: []` must resolve to the tag and build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -nE 's/.*static let current = "([0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' \
  "$repo/Sources/RosterCore/Version/RosterVersion.swift")"
[ -n "$version" ] || { echo "release-check: FAILED: no version in RosterVersion.swift" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The copy: the committed HEAD, as a publisher would tag it.
git clone -q --no-hardlinks "$repo" "$work/Roster"
git -C "$work/Roster" -c user.name=release-check -c user.email=release-check@localhost \
  tag -a "$version" -m "Roster $version"

mkdir -p "$work/Consumer/Sources/Consumer"
cat > "$work/Consumer/Package.swift" <<MANIFEST
// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "file://$work/Roster", from: "$version", traits: [])],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "RosterCore", package: "roster"),
                .product(name: "RosterInMemory", package: "roster"),
            ])
    ]
)
MANIFEST
cat > "$work/Consumer/Sources/Consumer/main.swift" <<'SOURCE'
import RosterCore
import RosterInMemory

let provider = InMemoryProvider(seed: 7, courses: 1, enrollmentsPerCourse: 3)
let listed = try await provider.roster.enrollments().collect(max: 100)
print("Roster \(RosterVersion.current): listed \(listed.count) enrollments")
SOURCE
cd "$work/Consumer"
swift package resolve 2>&1 | tail -3
resolved="$(grep -A6 '"identity" : "roster"' Package.resolved | sed -nE 's/.*"version" : "([^"]+)".*/\1/p')"
if [ "$resolved" != "$version" ]; then
  echo "release-check: FAILED: resolved roster at '${resolved:-nothing}', not the tag $version" >&2
  cat Package.resolved >&2
  exit 1
fi
swift build 2>&1 | tail -2
output="$(./.build/debug/Consumer)"
echo "$output"
[ "$output" = "Roster $version: listed 3 enrollments" ] || { echo "release-check: FAILED: unexpected output" >&2; exit 1; }
echo "release-check: OK: a consumer resolved roster $version from the tag and built"

#!/usr/bin/env bash
# Proves that library users do not pay for the tool: a consumer package that depends on Roster's
# library products with `traits: []` must resolve and build without fetching any package.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
identity="$(basename "$repo" | tr '[:upper:]' '[:lower:]')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/RosterConsumer"
cat > "$work/Package.swift" <<MANIFEST
// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "RosterConsumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "$repo", traits: [])],
    targets: [
        .executableTarget(
            name: "RosterConsumer",
            dependencies: [
                .product(name: "RosterCore", package: "$identity"),
                .product(name: "RosterInMemory", package: "$identity"),
            ])
    ]
)
MANIFEST
cat > "$work/Sources/RosterConsumer/main.swift" <<'SOURCE'
import RosterCore
import RosterInMemory

let provider = InMemoryProvider(seed: 7, courses: 1, enrollmentsPerCourse: 3)
var count = 0
for try await _ in provider.roster.enrollments() { count += 1 }
print("consumer listed \(count) enrollments")
SOURCE
cd "$work"
swift package resolve 2>&1 | tee resolve.log
if grep -qiE "fetching|cloning|computing version" resolve.log; then
  echo "consumer-check: FAILED: resolving fetched a package (see above)" >&2
  exit 1
fi
if [ -d .build/checkouts ] && [ -n "$(ls -A .build/checkouts)" ]; then
  echo "consumer-check: FAILED: .build/checkouts is not empty:" >&2
  ls .build/checkouts >&2
  exit 1
fi
if [ -f Package.resolved ] && grep -q '"identity"' Package.resolved; then
  echo "consumer-check: FAILED: Package.resolved pins packages:" >&2
  cat Package.resolved >&2
  exit 1
fi
swift build 2>&1 | tail -3
[ -z "$(ls -A .build/checkouts 2>/dev/null)" ] || { echo "consumer-check: FAILED: building fetched packages" >&2; exit 1; }
./.build/debug/RosterConsumer
echo "consumer-check: OK: no package fetched, resolved or built for a library consumer"

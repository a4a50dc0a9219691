#!/usr/bin/env bash
# Proves the repository stands alone: no tracked file may point a reader at something a clone does
# not contain (a team notes file, a folder beside the repository, an issue tracker entry).
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='vendors\.md|\.\./shared|/work/|seeds? 0[0-9]{2}|design page|[Ii]ssue #?[0-9]+|§[0-9]'
# RFC section signs are citations of public standards, not of private notes.
hits="$(git grep -nIE "$pattern" -- . ':!.ci/self-contained-check.sh' | grep -vE 'RFC [0-9]+' || true)"
if [ -n "$hits" ]; then
  echo "self-contained-check: FAILED: these lines refer to things outside the repository:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "self-contained-check: OK: no file refers to anything outside the repository"

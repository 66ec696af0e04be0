#!/usr/bin/env bash
# Proves that `npm test` is for anyone who clones: clones this checkout's HEAD into a temporary
# folder, edits every learner file there the way a learner would (each exercise started, in a state
# that does not even compile; every exercise README annotated; a progress file with hints shown),
# and runs the whole suite in that clone. Any test that reads the working exercises/ or .workbook/
# turns it red. Usage: scripts/test-started-clone.sh [vitest args, e.g. test/cli]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/workbook-started-clone-XXXXXX")
trap 'rm -rf "$dir"' EXIT
git clone -q "$src" "$dir/workbook"
cd "$dir/workbook"
ln -s "$src/node_modules" node_modules
edited=0
while IFS= read -r -d '' f; do
  printf 'export const started = true;\nthis is { not finished\n' > "$f"
  edited=$((edited + 1))
done < <(find exercises -name '*.ts' -print0)
while IFS= read -r -d '' f; do
  printf '\nMy notes: try the majority rule first.\n' >> "$f"
  edited=$((edited + 1))
done < <(find exercises -name '*.md' -print0)
mkdir -p .workbook
printf '{"version": 1, "exercises": {"failover-coordinator": {"hintsShown": 3, "lastCheck": {"passed": false, "fileHash": "0"}}}}\n' > .workbook/progress.json
echo "edited $edited learner files in $dir/workbook (git status: $(git status --porcelain | wc -l) changed)"
node scripts/build.js
npx vitest run "$@"

#!/usr/bin/env bash
# Fails when a tracked file is executable but not a script (its first two
# bytes are not "#!"), or is larger than 1 MB, and lists each such file.
# It reads what git tracks (the index: mode and blob), not the work tree,
# so an untracked build output beside the sources is .gitignore's
# business, and a committed one is caught whatever the work tree holds.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=$((1024 * 1024))
modes=() blobs=() paths=()
# git ls-files -s -z: "<mode> <blob> <stage>\t<path>\0".
while IFS= read -r -d '' entry; do
  read -r mode blob _ <<<"${entry%%$'\t'*}"
  case "$mode" in 100644 | 100755) ;; *) continue ;; esac # symlinks, submodules
  modes+=("$mode") blobs+=("$blob") paths+=("${entry#*$'\t'}")
done < <(git ls-files -s -z)

# One git process for every size, in the order asked.
mapfile -t sizes < <(printf '%s\n' "${blobs[@]}" | git cat-file --batch-check='%(objectsize)')

bad=0
for i in "${!paths[@]}"; do
  if [ "${sizes[$i]}" -gt "$limit" ]; then
    echo "larger than 1 MB (${sizes[$i]} bytes): ${paths[$i]}"
    bad=1
  fi
  if [ "${modes[$i]}" = 100755 ] && [ "$(git cat-file blob "${blobs[$i]}" | head -c 2)" != '#!' ]; then
    echo "executable but not a script (no #! line): ${paths[$i]}"
    bad=1
  fi
done

if [ "$bad" = 1 ]; then
  echo "tracked files: git rm --cached build outputs and large files and list them in .gitignore; give a script its #! line, chmod -x anything else"
  exit 1
fi
echo "tracked files: ${#paths[@]} checked, no executable but scripts, none over 1 MB"

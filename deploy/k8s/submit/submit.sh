#!/usr/bin/env bash
# Submits a sweep file to the cluster: a ConfigMap holding the file and a Job that runs
# `sweep run` on it, both named after the sweep (sweep-submit-NAME), made from this folder's
# kustomization. Each new sweep is a new Job: nothing tracked is edited and no old Job deleted.
#
#   deploy/k8s/submit/submit.sh sweeps/lr-grid.yaml              # create them
#   deploy/k8s/submit/submit.sh sweeps/lr-grid.yaml --dry-run    # print them instead
#
# NAMESPACE picks the namespace (default sweep), SWEEP_IMAGE the image (REGISTRY/NAME:TAG, default
# this folder's registry.example.com/sweep:0.1.0-cpu), PULL_SECRET a Secret for a private
# registry. Exits 2 for a file it cannot read.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage="usage: $0 SWEEP_FILE [--dry-run]"
file=${1:?$usage}
dry_run=${2:-}
if [ -n "$dry_run" ] && [ "$dry_run" != --dry-run ]; then
  echo "$usage" >&2
  exit 2
fi
if [ ! -f "$file" ] || [ ! -r "$file" ]; then
  echo "error: $file: no such readable file; give the path of a sweep file, such as sweeps/lr-grid.yaml." >&2
  exit 2
fi

# The sweep's name (its key in the store), else the file's, as `sweep run` names it; then as
# Kubernetes names objects: lower case, digits and dashes.
name=$(sed -n 's/^name:[[:space:]]*//p' "$file" | head -1 | sed "s/[[:space:]]#.*//; s/[\"']//g; s/[[:space:]]*$//")
[ -n "$name" ] || name=$(basename "${file%.*}")
suffix=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9' '-' | sed 's/--*/-/g; s/^-//; s/-$//' | cut -c1-40)
if [ -z "$suffix" ]; then
  echo "error: $file: the sweep's name '$name' has no letter or digit to name its Job by; give it a name: line." >&2
  exit 2
fi

# kustomize takes only files below the kustomization, so the overlay that names the Job and
# carries the file is made beside this folder, and removed again.
overlay=$(mktemp -d "$here/../.render-submit-XXXXXX")
trap 'rm -rf "$overlay"' EXIT
cp "$file" "$overlay/sweep.yaml"
cat >"$overlay/kustomization.yaml" <<KUSTOMIZATION
resources: [../submit]
namespace: ${NAMESPACE:-sweep}
nameSuffix: -$suffix
configMapGenerator:
  - name: sweep-file
    behavior: replace
    files: [sweep.yaml]
KUSTOMIZATION
if [ -n "${SWEEP_IMAGE:-}" ]; then
  tag=${SWEEP_IMAGE##*:}
  case $tag in
    "$SWEEP_IMAGE" | */*) echo "error: SWEEP_IMAGE=$SWEEP_IMAGE: give REGISTRY/NAME:TAG." >&2; exit 2 ;;
  esac
  printf 'images:\n  - name: registry.example.com/sweep\n    newName: %s\n    newTag: "%s"\n' "${SWEEP_IMAGE%:*}" "$tag" >>"$overlay/kustomization.yaml"
fi
if [ -n "${PULL_SECRET:-}" ]; then
  printf 'patches:\n  - target: {kind: Job}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/imagePullSecrets\n        value: [{name: "%s"}]\n' "$PULL_SECRET" >>"$overlay/kustomization.yaml"
fi
if [ -n "$dry_run" ]; then
  kubectl kustomize "$overlay"
else
  kubectl kustomize "$overlay" | kubectl create -f -
  echo "Follow it: kubectl -n ${NAMESPACE:-sweep} logs -f job/sweep-submit-$suffix"
fi

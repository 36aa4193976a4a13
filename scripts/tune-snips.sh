#!/usr/bin/env bash
# One-epoch SNIPS runs over training settings, to choose mtl train's defaults: each run trains
# intent + ner + fragdetect from all-minilm-l6-v2 for one epoch with the flags on one line of
# CONFIGS and appends its wall time, updates and dev metrics to WORK_DIR/tuning.tsv.
#
# usage: scripts/tune-snips.sh SNIPS_DIR WORK_DIR [CONFIGS]
#   SNIPS_DIR  raw SNIPS (train.txt, dev.txt, test.txt), e.g. ../shared/data/snips
#   WORK_DIR   where data/, one package per run and tuning.tsv go
#   CONFIGS    file of mtl train flags, one run per line (default: the grid below)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
snips="${1:?usage: $0 SNIPS_DIR WORK_DIR [CONFIGS]}"
work="${2:?usage: $0 SNIPS_DIR WORK_DIR [CONFIGS]}"
configs="${3:-}"

default_grid() {
  cat <<'GRID'
--batch-size 32 --lr 1e-4 --head-lr 1e-3 --warmup 0.1
--batch-size 64 --lr 2e-4 --head-lr 2e-3 --warmup 0.1
--batch-size 64 --lr 1e-4 --head-lr 1e-3 --warmup 0.1
--batch-size 32 --lr 2e-4 --head-lr 1e-3 --warmup 0.1
--batch-size 32 --lr 5e-5 --head-lr 1e-3 --warmup 0.1
--batch-size 32 --lr 1e-4 --head-lr 0 --warmup 0.1
--batch-size 32 --lr 1e-4 --head-lr 1e-3 --warmup 0
--batch-size 32 --lr 1e-4 --head-lr 1e-3 --warmup 0.1 --max-seq-len 32
GRID
}

mkdir -p "$work"
[ -f "$work/data/tasks.yml" ] || "$root/mtl" transform snips "$snips" "$work/data" > /dev/null
table="$work/tuning.tsv"
[ -f "$table" ] || printf 'flags\tseconds\tupdates\tdev_intent\tdev_ner_f1\tdev_fragdetect\tload_before\tload_after\n' > "$table"
run=0
while IFS= read -r flags; do
  [ -z "$flags" ] && continue
  run=$((run + 1))
  out="$work/run$run"
  if [ -f "$out/train.json" ]; then continue; fi
  rm -rf "$out/model"
  mkdir -p "$out"
  before=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2086
  "$root/mtl" train --tasks "$work/data/tasks.yml" --out "$out/model" --epochs 1 $flags \
    --json > "$out/train.json.part"
  mv "$out/train.json.part" "$out/train.json"
  after=$(cut -d' ' -f1 /proc/loadavg)
  jq -r --arg f "$flags" --arg b "$before" --arg a "$after" \
    '[$f, .seconds, .updates, .dev.intent.classification_accuracy, .dev.ner.snips_f1_score,
      .dev.fragdetect.classification_accuracy, $b, $a] | @tsv' "$out/train.json" >> "$table"
  tail -1 "$table"
done < <(if [ -n "$configs" ]; then cat "$configs"; else default_grid; fi)

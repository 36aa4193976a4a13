#!/usr/bin/env bash
# Acceptance on real data: the original library's three SNIPS tasks (intent, ner, fragdetect)
# fine-tuned from all-minilm-l6-v2 must reach test intent accuracy >= 97.5 and ner
# snips_f1_score >= 93.0 within 30 minutes of training on a 2-core machine, with mtl train's
# defaults (no tuning flags).
#
# usage: scripts/acceptance-snips.sh SNIPS_DIR [WORK_DIR]
#   SNIPS_DIR  raw SNIPS in the seed's format (train.txt, dev.txt, test.txt), e.g. ../shared/data/snips
#   WORK_DIR   where data/, model/ and the reports go (default: target/acceptance-snips; must not hold model/)
# Extra mtl train flags (e.g. "--seed 7" or "--epochs 2 --batch-size 64") can be given in TRAIN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
snips="${1:?usage: $0 SNIPS_DIR [WORK_DIR]}"
work="${2:-$root/target/acceptance-snips}"
flags="${TRAIN_FLAGS:-}"
budget_s=$((30 * 60))

mkdir -p "$work"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" | tee "$work/acceptance.txt"
"$root/mtl" transform snips "$snips" "$work/data" --json > "$work/transform.json"
# shellcheck disable=SC2086
"$root/mtl" train --tasks "$work/data/tasks.yml" --out "$work/model" $flags --json > "$work/train.json"
"$root/mtl" eval "$work/model" --split test --json > "$work/test.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/acceptance.txt"

seconds=$(jq '.seconds' "$work/train.json")
intent=$(jq '.intent.classification_accuracy' "$work/test.json")
slots=$(jq '.ner.snips_f1_score' "$work/test.json")
{
  echo "settings: mtl train defaults${flags:+ with $flags}"
  echo "training (mtl train wall time): ${seconds} s (budget ${budget_s} s)"
  echo "test intent classification_accuracy: $intent (>= 97.5)"
  echo "test ner snips_f1_score: $slots (>= 93.0)"
  jq -c '.' "$work/test.json"
} | tee -a "$work/acceptance.txt"

jq -e --argjson s "$seconds" --argjson b "$budget_s" -n '$s <= $b' > /dev/null \
  || { echo "FAIL: training took longer than 30 minutes" | tee -a "$work/acceptance.txt"; exit 1; }
jq -e '.intent.classification_accuracy >= 97.5 and .ner.snips_f1_score >= 93.0' "$work/test.json" > /dev/null \
  || { echo "FAIL: below the acceptance thresholds" | tee -a "$work/acceptance.txt"; exit 1; }
echo "PASS" | tee -a "$work/acceptance.txt"

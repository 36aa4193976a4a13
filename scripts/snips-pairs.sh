#!/usr/bin/env bash
# A second data set for checking training defaults, of another shape than SNIPS's three tasks:
# one sentence-pair task ("do these two requests ask for the same intent?") built from the
# intent files `mtl transform snips` writes. Half the pairs share an intent, half do not; each
# split pairs only its own rows, drawn with a fixed seed, so the files are the same on every run.
#
# usage: scripts/snips-pairs.sh TRANSFORMED_DIR OUT_DIR [TRAIN_PAIRS]
#   TRANSFORMED_DIR  output of `mtl transform snips` (intent_train.tsv, intent_dev.tsv, intent_test.tsv)
#   OUT_DIR          where samepair_{train,dev,test}.tsv and tasks.yml are written (must not exist)
#   TRAIN_PAIRS      training pairs (default 4000); dev and test get 700 each
set -euo pipefail
in="${1:?usage: $0 TRANSFORMED_DIR OUT_DIR [TRAIN_PAIRS]}"
out="${2:?usage: $0 TRANSFORMED_DIR OUT_DIR [TRAIN_PAIRS]}"
train_pairs="${3:-4000}"
[ -e "$out" ] && { echo "$out exists; give a new folder" >&2; exit 2; }
for split in train dev test; do
  [ -s "$in/intent_$split.tsv" ] || { echo "$in/intent_$split.tsv is missing or empty" >&2; exit 2; }
done
mkdir -p "$out"

pairs() { # file count seed
  awk -F'\t' -v n="$2" -v seed="$3" '
    { label[NR] = $2; text[NR] = $3; rows[$2] = rows[$2] " " NR }
    END {
      srand(seed)
      for (l in rows) { m = split(substr(rows[l], 2), tmp, " "); for (k = 1; k <= m; k++) byLabel[l, k] = tmp[k]; size[l] = m }
      for (i = 0; i < n; i++) {
        a = 1 + int(rand() * NR)
        if (i % 2 == 0) {
          do { b = byLabel[label[a], 1 + int(rand() * size[label[a]])] } while (b == a && size[label[a]] > 1)
        } else {
          do { b = 1 + int(rand() * NR) } while (label[b] == label[a])
        }
        printf "%d\t%s\t%s\t%s\n", i, (label[a] == label[b] ? "same" : "different"), text[a], text[b]
      }
    }' "$1"
}

pairs "$in/intent_train.tsv" "$train_pairs" 11 > "$out/samepair_train.tsv"
pairs "$in/intent_dev.tsv" 700 12 > "$out/samepair_dev.tsv"
pairs "$in/intent_test.tsv" 700 13 > "$out/samepair_test.tsv"
cat > "$out/tasks.yml" <<YML
# Pairs of SNIPS requests: do both ask for the same intent? Built by scripts/snips-pairs.sh.
samepair:
  task_type: SentencePairClassification
  loss_type: CrossEntropyLoss
  file_names: [samepair_train.tsv, samepair_dev.tsv, samepair_test.tsv]
  label_map_or_file: [different, same]
  dropout_prob: 0.1
  metrics: [classification_accuracy]
YML
echo "wrote $(wc -l < "$out/samepair_train.tsv") training, 700 dev and 700 test pairs to $out"

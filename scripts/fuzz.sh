#!/usr/bin/env bash
# Fuzzes every reader for 1,000,000 executions, one target after the other (Jazzer fuzzes one
# test per JVM). Findings land in the target's committed inputs folder
# (src/test/resources/.../<Test>Inputs/<method>/crash-*), where `mvn verify` replays them.
#
#   scripts/fuzz.sh                         # every target
#   scripts/fuzz.sh model-zoo:SafeTensorsReaderFuzzTest
#   JAZZER_MAX_DURATION=10m scripts/fuzz.sh     # caps each target's time (Jazzer's max_duration
#                                               # overrides @FuzzTest(maxDuration = "2h"))
#
# Each run's log (with libFuzzer's execution counts) goes to target/fuzz/<Test>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(
  graph-tools:OnnxReaderFuzzTest
  model-zoo:SafeTensorsReaderFuzzTest
  metrics:PythonListLiteralFuzzTest
  model-zoo:TokenizerFactsFuzzTest
  src:DataReaderFuzzTest
  src:TaskFileFuzzTest
  src:ServeJsonBodyFuzzTest
  src:InferProtoFuzzTest
)
if [ $# -gt 0 ]; then targets=("$@"); fi
mkdir -p target/fuzz
for target in "${targets[@]}"; do
  module=${target%%:*}
  test=${target#*:}
  log=target/fuzz/$test.log
  echo "fuzzing $test ($module), log: $log"
  status=0
  mvn -B -q -Pfuzz -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      > "$log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +DONE|Done [0-9]+ runs|== Java Exception' "$log" | tail -3 || true
  if [ $status -ne 0 ]; then echo "$test found something (exit $status); see $log"; fi
done

package org.mtl4j.bench.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts of a benchmark run that must agree for two runs to be compared: the model's contract
 * (ONNX inputs, tasks), the workload, ONNX Runtime's version and the settings. The machine is
 * recorded for people; it may differ, since the calibration workload absorbs machine speed.
 *
 * @param inputs the model's ONNX input names, sorted
 * @param tasks the tasks measured, as {@code name:type:labels}
 * @param workload the workload's description
 * @param workloadDigest the workload's SHA-256
 * @param onnxRuntime ONNX Runtime's version
 * @param threads intra-op threads
 * @param provider the execution provider
 * @param metric the time compared: {@code WALL} or {@code CPU}
 * @param calibration the calibration workload's id
 * @param machine CPU model, cores, OS and JVM, for people
 */
public record RunFacts(
    List<String> inputs,
    List<String> tasks,
    String workload,
    String workloadDigest,
    String onnxRuntime,
    int threads,
    String provider,
    String metric,
    String calibration,
    String machine) {

  /** Validates and copies. */
  public RunFacts {
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(workloadDigest, "workloadDigest");
    Objects.requireNonNull(onnxRuntime, "onnxRuntime");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(machine, "machine");
  }

  /**
   * @param baseline the facts recorded in a baseline
   * @return what differs between the baseline and this run, one sentence each; empty when the runs
   *     may be compared
   */
  public List<String> mismatches(RunFacts baseline) {
    List<String> out = new ArrayList<>();
    if (!inputs.equals(baseline.inputs)) {
      out.add("model inputs: baseline " + baseline.inputs + ", now " + inputs);
    }
    if (!tasks.equals(baseline.tasks)) {
      out.add("tasks: baseline " + baseline.tasks + ", now " + tasks);
    }
    if (!workloadDigest.equals(baseline.workloadDigest)) {
      out.add(
          "workload: baseline '" + baseline.workload + "', now '" + workload + "' (other inputs)");
    }
    if (!onnxRuntime.equals(baseline.onnxRuntime)) {
      out.add("ONNX Runtime: baseline " + baseline.onnxRuntime + ", now " + onnxRuntime);
    }
    if (threads != baseline.threads) {
      out.add("threads: baseline " + baseline.threads + ", now " + threads);
    }
    if (!provider.equals(baseline.provider)) {
      out.add("provider: baseline " + baseline.provider + ", now " + provider);
    }
    if (!metric.equals(baseline.metric)) {
      out.add("compared time: baseline " + baseline.metric + ", now " + metric);
    }
    if (!calibration.equals(baseline.calibration)) {
      out.add("calibration workload: baseline " + baseline.calibration + ", now " + calibration);
    }
    return out;
  }
}

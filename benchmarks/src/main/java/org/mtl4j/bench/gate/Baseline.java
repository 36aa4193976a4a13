package org.mtl4j.bench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.mtl4j.bench.run.BenchInputException;
import org.mtl4j.zoo.io.AtomicFiles;

/**
 * A saved benchmark run for the regression gate: the model's latency samples paired with the
 * calibration workload's, taken in alternation in one run, and the facts the run depends on. A
 * later run is judged by how much its own model-to-calibration paired ratio moved.
 *
 * @param format {@link #FORMAT}
 * @param model the model measured, for people
 * @param created when, ISO-8601
 * @param facts what must agree for a comparison
 * @param modelNanos the model's call latencies in nanoseconds
 * @param calibrationNanos the calibration's latencies, paired with {@code modelNanos}
 */
public record Baseline(
    String format,
    String model,
    String created,
    RunFacts facts,
    long[] modelNanos,
    long[] calibrationNanos) {

  /** The format tag of baseline files. */
  public static final String FORMAT = "mtl4j-bench-baseline/1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Validates. */
  public Baseline {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format is '" + format + "', expected '" + FORMAT + "'");
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(modelNanos, "modelNanos");
    Objects.requireNonNull(calibrationNanos, "calibrationNanos");
    if (modelNanos.length < 20 || modelNanos.length != calibrationNanos.length) {
      throw new IllegalArgumentException(
          "modelNanos and calibrationNanos must be paired samples, at least 20; have "
              + modelNanos.length
              + " and "
              + calibrationNanos.length);
    }
    for (int i = 0; i < modelNanos.length; i++) {
      if (modelNanos[i] <= 0 || calibrationNanos[i] <= 0) {
        throw new IllegalArgumentException("sample " + i + " is not a positive latency");
      }
    }
  }

  /**
   * Writes the baseline atomically.
   *
   * @param file the target
   */
  public void write(Path file) {
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the baseline", e);
    }
  }

  /**
   * @param file a file written by {@link #write}
   * @return the baseline
   * @throws BenchInputException naming the file when it is missing, unreadable or not a valid
   *     baseline
   */
  public static Baseline read(Path file) {
    try {
      return JSON.readValue(Files.readString(file), Baseline.class);
    } catch (NoSuchFileException e) {
      throw new BenchInputException("baseline " + file + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
      throw new BenchInputException(
          "baseline "
              + file
              + " is not a valid mtl bench baseline ("
              + why
              + "); write one with mtl bench MODEL --save-baseline FILE",
          e);
    }
  }
}

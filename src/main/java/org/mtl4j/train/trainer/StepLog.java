package org.mtl4j.train.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The run's JSON-lines log, one line per batch: {@code {"step", "epoch", "update", "task", "loss",
 * "losses": {task: loss}, "lr", "examples_per_s"}}, where {@code step} counts batches from 1 and
 * {@code task} names the batch's task (tasks sharing a batch are joined with '+'); {@code
 * "skipped": true} marks an update dropped because its gradient was not finite. A resumed run first
 * drops the lines an interrupted run wrote after its last checkpoint.
 */
final class StepLog implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private boolean closed;

  private StepLog(BufferedWriter out) {
    this.out = out;
  }

  /**
   * @param file the log file
   * @param keepSteps lines with a step above this are dropped (0 starts a fresh log)
   * @return the log, open for appending
   */
  static StepLog open(Path file, long keepSteps) {
    try {
      Files.createDirectories(file.getParent());
      if (keepSteps == 0 || !Files.exists(file)) {
        Files.deleteIfExists(file);
      } else {
        List<String> kept =
            Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && stepOf(line) <= keepSteps)
                .toList();
        Files.write(file, kept, StandardCharsets.UTF_8);
      }
      return new StepLog(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open log " + file + ": " + e.getMessage(), e);
    }
  }

  void write(
      long step,
      int epoch,
      long update,
      String task,
      double loss,
      Map<String, Double> losses,
      double lr,
      double examplesPerSecond,
      boolean skipped) {
    ObjectNode line = JSON.createObjectNode();
    line.put("step", step);
    line.put("epoch", epoch + 1);
    line.put("update", update);
    line.put("task", task);
    line.put("loss", loss);
    ObjectNode each = line.putObject("losses");
    losses.forEach(each::put);
    line.put("lr", lr);
    line.put("examples_per_s", Math.round(examplesPerSecond * 10) / 10.0);
    if (skipped) {
      line.put("skipped", true);
    }
    try {
      out.write(line.toString());
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training log: " + e.getMessage(), e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training log: " + e.getMessage(), e);
    }
  }

  private static long stepOf(String line) {
    try {
      return JSON.readTree(line).path("step").asLong(Long.MAX_VALUE);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the training log: " + e.getMessage(), e);
      }
    }
  }
}

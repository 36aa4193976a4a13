package org.mtl4j.train.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss of every task and the learning rate over the run, read from the trainer's per-batch log
 * ({@code log.jsonl}), each averaged over consecutive buckets so a long run plots as a readable
 * curve of at most {@link #POINTS} points.
 *
 * @param losses per task, x = batch step, y = mean loss over the bucket
 * @param learningRate x = update, y = the learning rate
 * @param batches lines read
 */
record LossLog(Map<String, Series> losses, Series learningRate, int batches) {

  /** The most points a curve keeps. */
  static final int POINTS = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One curve. */
  record Series(double[] x, double[] y) {}

  /**
   * @param file the log
   * @return its curves
   */
  static LossLog read(Path file) {
    Map<String, List<double[]>> raw = new LinkedHashMap<>();
    List<double[]> rates = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the training log " + file + ": " + e.getMessage(), e);
    }
    int read = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode line;
      try {
        line = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
      }
      read++;
      double step = line.path("step").asDouble();
      for (Iterator<Map.Entry<String, JsonNode>> it = line.path("losses").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        raw.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new double[] {step, e.getValue().asDouble()});
      }
      rates.add(new double[] {line.path("update").asDouble(), line.path("lr").asDouble()});
    }
    Map<String, Series> losses = new LinkedHashMap<>();
    raw.forEach((task, points) -> losses.put(task, bucketed(points)));
    return new LossLog(losses, bucketed(rates), read);
  }

  private static Series bucketed(List<double[]> points) {
    int size = Math.max(1, (points.size() + POINTS - 1) / POINTS);
    int n = (points.size() + size - 1) / size;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int b = 0; b < n; b++) {
      int from = b * size;
      int to = Math.min(points.size(), from + size);
      for (int i = from; i < to; i++) {
        x[b] += points.get(i)[0];
        y[b] += points.get(i)[1];
      }
      x[b] /= to - from;
      y[b] /= to - from;
    }
    return new Series(x, y);
  }
}

package org.mtl4j.train.trainer;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of one epoch, showing each task's running loss (exponential average) and the
 * throughput in examples per second. Draws nothing when switched off.
 */
final class Progress implements AutoCloseable {

  private static final double SMOOTHING = 0.9;

  private final ProgressBar bar;
  private final Map<String, Double> losses = new LinkedHashMap<>();

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress open(
      boolean enabled, PrintStream stream, int epoch, int epochs, int batches, int done) {
    if (!enabled) {
      return new Progress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
            .setInitialMax(batches)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(stream))
            .setUpdateIntervalMillis(500)
            .startsFrom(done, java.time.Duration.ZERO)
            .build();
    return new Progress(bar);
  }

  void step(Map<String, Double> batchLosses, double examplesPerSecond) {
    batchLosses.forEach(
        (task, loss) ->
            losses.merge(task, loss, (old, now) -> SMOOTHING * old + (1 - SMOOTHING) * now));
    if (bar == null) {
      return;
    }
    String text =
        losses.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(" "));
    bar.setExtraMessage(String.format(Locale.ROOT, " %s | %.1f ex/s", text, examplesPerSecond));
    bar.step();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

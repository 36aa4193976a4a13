package org.mtl4j.train.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mtl4j.metrics.LabelScores;
import org.mtl4j.metrics.classification.ConfusionMatrix;
import org.mtl4j.metrics.tagging.EntityReport;

/** The report's charts, drawn with XChart and encoded as PNG bytes. */
final class ReportCharts {

  private static final int WIDTH = 760;
  private static final int HEIGHT = 380;

  private ReportCharts() {}

  static byte[] losses(LossLog log) {
    XYChart chart =
        lines("Training loss per task (mean over " + buckets(log) + ")", "batch", "loss");
    log.losses()
        .forEach((task, s) -> chart.addSeries(task, s.x(), s.y()).setMarker(SeriesMarkers.NONE));
    return png(chart);
  }

  static byte[] learningRate(LossLog log) {
    XYChart chart = lines("Learning rate of the encoder", "update", "learning rate");
    chart.getStyler().setLegendVisible(false);
    chart
        .addSeries("lr", log.learningRate().x(), log.learningRate().y())
        .setMarker(SeriesMarkers.NONE);
    return png(chart);
  }

  static byte[] devMetrics(List<Map<String, Map<String, Double>>> epochs) {
    XYChart chart = lines("Dev metrics per epoch", "epoch", "score");
    chart.getStyler().setXAxisDecimalPattern("0");
    Map<String, Map<String, Double>> first = epochs.get(0);
    first.forEach(
        (task, metrics) ->
            metrics
                .keySet()
                .forEach(
                    metric -> {
                      double[] x = new double[epochs.size()];
                      double[] y = new double[epochs.size()];
                      for (int e = 0; e < epochs.size(); e++) {
                        x[e] = e + 1;
                        y[e] =
                            epochs
                                .get(e)
                                .getOrDefault(task, Map.of())
                                .getOrDefault(metric, Double.NaN);
                      }
                      chart.addSeries(task + "." + metric, x, y).setMarker(SeriesMarkers.CIRCLE);
                    }));
    return png(chart);
  }

  static byte[] confusion(String task, ConfusionMatrix matrix) {
    List<String> labels = matrix.labels();
    int side = Math.max(HEIGHT, Math.min(1400, 160 + 34 * labels.size()));
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(side + 200)
            .height(side)
            .title(task + ": confusion matrix on dev")
            .xAxisTitle("predicted")
            .yAxisTitle("gold")
            .build();
    chart.getStyler().setShowValue(labels.size() <= 25);
    chart
        .getStyler()
        .setRangeColors(
            new Color[] {
              new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)
            });
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(labels.size() > 8 ? 45 : 0);
    long[][] counts = matrix.toArray();
    List<Number[]> cells = new ArrayList<>();
    for (int gold = 0; gold < labels.size(); gold++) {
      for (int pred = 0; pred < labels.size(); pred++) {
        // the y axis grows upwards; put the first label at the top
        cells.add(new Number[] {pred, labels.size() - 1 - gold, counts[gold][pred]});
      }
    }
    chart.addSeries("count", labels, reversed(labels), cells);
    return png(chart);
  }

  static byte[] entityScores(String task, EntityReport report) {
    List<LabelScores> rows = report.table().labels();
    int width = Math.max(WIDTH, Math.min(1600, 120 + 48 * rows.size()));
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(HEIGHT + 60)
            .title(task + ": entity precision, recall and F1 per type on dev")
            .xAxisTitle("entity type")
            .yAxisTitle("%")
            .build();
    chart.getStyler().setXAxisLabelRotation(rows.size() > 6 ? 45 : 0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    List<String> types = rows.stream().map(LabelScores::label).toList();
    chart.addSeries(
        "precision", types, rows.stream().map(r -> 100 * r.scores().precision()).toList());
    chart.addSeries("recall", types, rows.stream().map(r -> 100 * r.scores().recall()).toList());
    chart.addSeries("F1", types, rows.stream().map(r -> 100 * r.scores().f1()).toList());
    return png(chart);
  }

  private static XYChart lines(String title, String x, String y) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH + 200)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return chart;
  }

  private static String buckets(LossLog log) {
    int size = Math.max(1, (log.batches() + LossLog.POINTS - 1) / LossLog.POINTS);
    return size == 1 ? "1 batch" : "about " + size + " batches";
  }

  private static List<String> reversed(List<String> labels) {
    List<String> out = new ArrayList<>(labels);
    Collections.reverse(out);
    return out;
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot draw chart '" + chart.getTitle() + "': " + e.getMessage(), e);
    }
  }
}

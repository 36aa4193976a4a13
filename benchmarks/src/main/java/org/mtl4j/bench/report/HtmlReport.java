package org.mtl4j.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mtl4j.zoo.io.AtomicFiles;

/**
 * Writes {@code index.html} into a folder: the text report, a latency histogram and a CDF plot of
 * every measured operation, drawn by XChart and embedded as PNG data, so the page opens offline
 * with nothing beside it.
 */
public final class HtmlReport {

  private static final int BINS = 60;

  private HtmlReport() {}

  /**
   * @param report the run
   * @param text the text report, shown at the top
   * @param dir the folder, created if needed
   * @return the written page
   */
  public static Path write(BenchReport report, String text, Path dir) {
    System.setProperty("java.awt.headless", "true");
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mtl bench: ")
        .append(escape(report.model()))
        .append("</title></head><body>\n<h1>mtl bench</h1>\n<pre>")
        .append(escape(text))
        .append("</pre>\n");
    html.append("<h2>Latency histogram</h2>\n").append(image(histogram(report.calls())));
    html.append("<h2>Latency CDF</h2>\n").append(image(cdf(report.calls())));
    html.append("</body></html>\n");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create report folder " + dir, e);
    }
    Path page = dir.resolve("index.html");
    AtomicFiles.writeString(page, html.toString());
    return page;
  }

  private static XYChart histogram(List<CallReport> calls) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(450)
            .title("Calls per latency bin")
            .xAxisTitle("latency (ms)")
            .yAxisTitle("calls")
            .build();
    long max = calls.stream().mapToLong(c -> c.summary().p999()).max().orElse(1);
    long min = calls.stream().mapToLong(c -> c.histogram().getMinValue()).min().orElse(0);
    double width = Math.max(1, (max - min) / (double) BINS);
    for (CallReport c : calls) {
      double[] x = new double[BINS];
      double[] y = new double[BINS];
      for (int b = 0; b < BINS; b++) {
        long lo = (long) (min + b * width);
        long hi = (long) (min + (b + 1) * width) - 1;
        x[b] = (lo + width / 2) / 1e6;
        y[b] = c.histogram().getCountBetweenValues(lo, Math.max(lo, hi));
      }
      chart.addSeries(c.name(), x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    }
    return chart;
  }

  private static XYChart cdf(List<CallReport> calls) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(450)
            .title("Share of calls at or below a latency")
            .xAxisTitle("latency (ms)")
            .yAxisTitle("percentile")
            .build();
    for (CallReport c : calls) {
      Histogram h = c.histogram();
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (HistogramIterationValue v : h.recordedValues()) {
        x.add(h.highestEquivalentValue(v.getValueIteratedTo()) / 1e6);
        y.add(v.getPercentile());
      }
      chart.addSeries(c.name(), x, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    }
    return chart;
  }

  private static String image(Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return String.format(
          Locale.ROOT,
          "<img alt=\"%s\" src=\"data:image/png;base64,%s\">%n",
          escape(chart.getTitle()),
          Base64.getEncoder().encodeToString(png));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "'", e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

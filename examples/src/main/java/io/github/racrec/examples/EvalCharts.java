package io.github.racrec.examples;

import io.github.racrec.training.eval.Estimate;
import io.github.racrec.training.eval.EvalResult;
import io.github.racrec.training.eval.EvalResult.ModelResult;
import io.github.racrec.training.eval.Metric;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** PNG charts of evaluation results: each metric's value with its 95 % interval. */
final class EvalCharts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;

  private EvalCharts() {}

  /**
   * For the results of protocol A at several betas: one chart per rating metric, a line per model
   * over beta.
   */
  static List<Path> perBeta(List<EvalResult> protocolA, Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    if (protocolA.isEmpty()) {
      return files;
    }
    for (Metric metric : protocolA.get(0).protocol().metrics()) {
      Map<String, YIntervalSeries> series = new LinkedHashMap<>();
      for (EvalResult result : protocolA) {
        double beta = result.protocol().testFraction() * 100;
        for (ModelResult model : result.models()) {
          Estimate e = model.metrics().get(metric);
          if (e != null && !Double.isNaN(e.value())) {
            series
                .computeIfAbsent(model.model(), name -> new YIntervalSeries(name))
                .add(beta, e.value(), e.low(), e.high());
          }
        }
      }
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      series.values().forEach(data::addSeries);
      NumberAxis x = new NumberAxis("share of overlapping users who are cold-start test users (%)");
      x.setRange(10, 90);
      XYErrorRenderer renderer = renderer(true);
      String label = metric.label(protocolA.get(0).k());
      files.add(
          save(
              new XYPlot(data, x, valueAxis(label), renderer),
              "Protocol A: " + label + " by beta (95% bootstrap intervals)",
              folder.resolve("protocol-A-" + fileName(label) + ".png")));
    }
    return files;
  }

  /** One chart per metric of a protocol: a point with its interval per model. */
  static List<Path> perModel(EvalResult result, String prefix, Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    List<ModelResult> models = result.models();
    String[] names = models.stream().map(ModelResult::model).toArray(String[]::new);
    for (Metric metric : result.protocol().metrics()) {
      YIntervalSeries series = new YIntervalSeries(metric.label(result.k()));
      for (int i = 0; i < models.size(); i++) {
        Estimate e = models.get(i).metrics().get(metric);
        if (e != null && !Double.isNaN(e.value())) {
          series.add(i, e.value(), e.low(), e.high());
        }
      }
      if (series.getItemCount() == 0) {
        continue;
      }
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      data.addSeries(series);
      Double random = result.randomRates().get(metric);
      if (random != null) {
        YIntervalSeries chance = new YIntervalSeries("random ranking");
        chance.add(-0.5, random, random, random);
        chance.add(names.length - 0.5, random, random, random);
        data.addSeries(chance);
      }
      SymbolAxis x = new SymbolAxis("model", names);
      x.setVerticalTickLabels(true);
      String label = metric.label(result.k());
      XYErrorRenderer renderer = renderer(false);
      renderer.setSeriesLinesVisible(1, true);
      renderer.setSeriesShapesVisible(1, false);
      renderer.setSeriesPaint(1, Color.GRAY);
      files.add(
          save(
              new XYPlot(data, x, valueAxis(label), renderer),
              "Protocol " + result.protocol().name() + ": " + label + " (95% bootstrap intervals)",
              folder.resolve(prefix + "-" + fileName(label) + ".png")));
    }
    return files;
  }

  private static XYErrorRenderer renderer(boolean lines) {
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(lines);
    renderer.setDefaultShapesVisible(true);
    renderer.setErrorStroke(new BasicStroke(1.5f));
    renderer.setCapLength(8);
    return renderer;
  }

  private static NumberAxis valueAxis(String label) {
    NumberAxis y = new NumberAxis(label);
    y.setAutoRangeIncludesZero(false);
    return y;
  }

  private static Path save(XYPlot plot, String title, Path file) throws IOException {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    return file;
  }

  private static String fileName(String label) {
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
  }
}

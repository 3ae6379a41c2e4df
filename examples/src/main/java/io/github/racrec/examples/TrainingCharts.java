package io.github.racrec.examples;

import io.github.racrec.training.racrec.TrainedRacRec.EpochStats;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The training curve: training rating error and validation cold-start RMSE per epoch. */
final class TrainingCharts {
  private TrainingCharts() {}

  static Path write(List<EpochStats> history, int bestEpoch, Path file) throws IOException {
    XYSeries train = new XYSeries("training RMSE (as trained)");
    XYSeries validation = new XYSeries("validation RMSE, cold start");
    for (EpochStats epoch : history) {
      train.add(epoch.epoch(), Math.sqrt(epoch.predictionLoss()));
      if (!Double.isNaN(epoch.validationRmse())) {
        validation.add(epoch.epoch(), epoch.validationRmse());
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(train);
    data.addSeries(validation);
    NumberAxis x = new NumberAxis("epoch (best: " + bestEpoch + ")");
    NumberAxis y = new NumberAxis("RMSE (stars)");
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, false));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("RACRec training", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    return file;
  }
}

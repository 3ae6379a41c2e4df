package io.github.racrec.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.racrec.training.eval.EvalResult.ModelResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes evaluation results as JSON and as Markdown tables. */
public final class EvalReports {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvalReports() {}

  /**
   * Writes all results to a JSON file.
   *
   * @param results the results
   * @param context what was evaluated on (data set, command, machine), copied in as is
   * @param file the output file
   * @throws IOException if writing fails
   */
  public static void writeJson(List<EvalResult> results, Map<String, Object> context, Path file)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("context", context);
    List<Object> protocols = new ArrayList<>();
    for (EvalResult result : results) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("protocol", result.protocol().name());
      entry.put("testFraction", result.protocol().testFraction());
      entry.put("validationFraction", result.protocol().validationFraction());
      entry.put("negatives", result.protocol().negatives());
      entry.put("k", result.k());
      entry.put("seeds", result.seeds());
      entry.put("bootstrapReplicates", result.bootstrapReplicates());
      entry.put("summary", result.summary());
      Map<String, Double> random = new LinkedHashMap<>();
      result.randomRates().forEach((metric, rate) -> random.put(metric.label(result.k()), rate));
      entry.put("randomRates", random);
      List<Object> models = new ArrayList<>();
      for (ModelResult model : result.models()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.model());
        if (!model.settings().isEmpty()) {
          m.put("settings", model.settings());
        }
        Map<String, Estimate> metrics = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
          if (model.metrics().containsKey(metric)) {
            metrics.put(metric.label(result.k()), model.metrics().get(metric));
          }
        }
        m.put("metrics", metrics);
        models.add(m);
      }
      entry.put("models", models);
      protocols.add(entry);
    }
    root.put("results", protocols);
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), root);
  }

  /**
   * Returns one Markdown table per result: a row per model, the protocol's metrics as columns, each
   * cell the value and its 95 % interval, and a row with the random-ranking rates.
   *
   * @param results the results
   * @return the Markdown
   */
  public static String markdown(List<EvalResult> results) {
    StringBuilder md = new StringBuilder();
    for (EvalResult result : results) {
      List<Metric> metrics = result.protocol().metrics();
      md.append("### Protocol ").append(result.protocol().name()).append("\n\n");
      md.append(
          String.format(
              Locale.ROOT,
              "%d test users over %d split%s (%,d hidden ratings; %d of items no visible review"
                  + " describes left out), catalog %.0f items, %.0f training users per split.%n%n",
              result.summary().testUsers(),
              result.seeds().size(),
              result.seeds().size() == 1 ? "" : "s",
              result.summary().heldOutRatings(),
              result.summary().heldOutOutsideCatalog(),
              result.summary().meanCatalogSize(),
              result.summary().meanTrainUsers()));
      md.append("| model |");
      metrics.forEach(m -> md.append(' ').append(m.label(result.k())).append(" |"));
      md.append("\n|---|");
      metrics.forEach(m -> md.append("---|"));
      md.append('\n');
      for (ModelResult model : result.models()) {
        if (metrics.stream().noneMatch(model.metrics()::containsKey)) {
          continue; // e.g. a ranking-only model under a rating protocol
        }
        md.append("| ").append(model.model()).append(" |");
        for (Metric metric : metrics) {
          Estimate e = model.metrics().get(metric);
          md.append(' ').append(e == null ? "–" : cell(e)).append(" |");
        }
        md.append('\n');
      }
      if (metrics.stream().noneMatch(result.randomRates()::containsKey)) {
        md.append('\n');
        continue;
      }
      md.append("| *random ranking* |");
      for (Metric metric : metrics) {
        Double rate = result.randomRates().get(metric);
        md.append(' ')
            .append(rate == null ? "–" : String.format(Locale.ROOT, "%.3f", rate))
            .append(" |");
      }
      md.append("\n\n");
    }
    return md.toString();
  }

  /**
   * Returns one Markdown table of every protocol's headline metrics, a row per model: RMSE and MAE
   * for Protocol A, sampled HR, NDCG and MRR for Protocol B, AUC and RMSE for the original
   * protocol. The ablation table of the README is this table.
   *
   * @param results the results, in column order
   * @return the Markdown table
   */
  public static String summary(List<EvalResult> results) {
    List<String> headers = new ArrayList<>();
    List<EvalResult> columnResults = new ArrayList<>();
    List<Metric> columnMetrics = new ArrayList<>();
    for (EvalResult result : results) {
      List<Metric> headline =
          switch (result.protocol().name().charAt(0)) {
            case 'A' -> List.of(Metric.RMSE, Metric.MAE);
            case 'B' -> List.of(Metric.HR_SAMPLED, Metric.NDCG_SAMPLED, Metric.MRR_SAMPLED);
            default -> List.of(Metric.AUC, Metric.RMSE);
          };
      for (Metric metric : headline) {
        headers.add(result.protocol().name() + " " + metric.label(result.k()));
        columnResults.add(result);
        columnMetrics.add(metric);
      }
    }
    List<String> models = new ArrayList<>();
    for (EvalResult result : results) {
      for (ModelResult model : result.models()) {
        if (!models.contains(model.model())) {
          models.add(model.model());
        }
      }
    }
    StringBuilder md = new StringBuilder("| model |");
    headers.forEach(h -> md.append(' ').append(h).append(" |"));
    md.append("\n|---|");
    headers.forEach(h -> md.append("---|"));
    md.append('\n');
    for (String model : models) {
      md.append("| ").append(model).append(" |");
      for (int c = 0; c < headers.size(); c++) {
        Estimate e = metricOf(columnResults.get(c), model, columnMetrics.get(c));
        md.append(' ').append(e == null ? "–" : cell(e)).append(" |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static Estimate metricOf(EvalResult result, String model, Metric metric) {
    for (ModelResult candidate : result.models()) {
      if (candidate.model().equals(model)) {
        return candidate.metrics().get(metric);
      }
    }
    return null;
  }

  /**
   * Formats an estimate as {@code 0.123 [0.101, 0.145]}.
   *
   * @param e the estimate
   * @return the text
   */
  public static String cell(Estimate e) {
    if (Double.isNaN(e.value())) {
      return "n/a";
    }
    if (e.low() == e.high()) {
      return String.format(Locale.ROOT, "%.3f", e.value());
    }
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.value(), e.low(), e.high());
  }
}

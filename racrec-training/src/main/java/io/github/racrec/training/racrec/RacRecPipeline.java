package io.github.racrec.training.racrec;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.eval.Split;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * From a cross-domain dataset to a servable model: encode what training may see, train RACRec,
 * export its towers, and build the catalog of item-tower vectors. The split's test and validation
 * users' target reviews stay out of everything, so the test users can be served as real cold-start
 * users afterwards.
 *
 * <p>Output folder layout: {@code model/} (towers and manifest), {@code catalog.rcat}, {@code
 * checkpoints/}, and by default {@code cache/review-vectors.bin}. Review texts are encoded once,
 * for training and for the catalog.
 */
public final class RacRecPipeline {
  /** The model folder's name inside the output folder. */
  public static final String MODEL = "model";

  /** The catalog file's name inside the output folder. */
  public static final String CATALOG = "catalog.rcat";

  private RacRecPipeline() {}

  /**
   * What the pipeline produced.
   *
   * @param modelFolder the exported model
   * @param catalogFile the catalog of item-tower vectors
   * @param model the trained weights and history
   * @param data the training view and the held-out test users
   * @param catalog the catalog build report
   */
  public record Result(
      Path modelFolder,
      Path catalogFile,
      TrainedRacRec model,
      EvalData data,
      CatalogBuildReport catalog) {}

  /**
   * What training produced.
   *
   * @param modelFolder the exported model ({@code output/model})
   * @param model the trained weights and history
   * @param data the training view and the held-out test users (none for {@link Split#forServing})
   * @param vectors the review vectors, cached in the file given to {@link #train}
   */
  public record Trained(
      Path modelFolder, TrainedRacRec model, EvalData data, ReviewVectors vectors) {}

  /**
   * Trains and exports a model, without building a catalog: the first half of {@link #run}, and
   * what {@code racrec train} runs with a {@link Split#forServing} split.
   *
   * @param dataset the reviews of both domains
   * @param split which users are held out (their target reviews reach neither training nor the item
   *     statistics)
   * @param encoder the text encoder (its fingerprint goes into the model)
   * @param config the model and training settings
   * @param output the output folder: {@code model/} and {@code checkpoints/} go there
   * @param vectorCache the review vector cache file
   * @param progress receives encoding and training progress
   * @return the model folder and the trained model
   */
  public static Trained train(
      CrossDomainDataset dataset,
      Split split,
      Encoder encoder,
      RacRecConfig config,
      Path output,
      Path vectorCache,
      ProgressListener progress) {
    Objects.requireNonNull(dataset, "dataset");
    ReviewVectors vectors = new ReviewVectors(encoder, Optional.of(vectorCache), false);
    EvalData data = EvalData.build(dataset, split, vectors, ReviewWindow.DEFAULT.size(), progress);
    TrainedRacRec model =
        RacRecTrainer.train(
            data.training(), config, progress, Optional.of(output.resolve("checkpoints")));
    Path modelFolder = output.resolve(MODEL);
    RacRecExporter.export(model, encoder.fingerprint(), modelFolder);
    return new Trained(modelFolder, model, data, vectors);
  }

  /**
   * Runs the pipeline.
   *
   * @param dataset the reviews of both domains
   * @param split which users are held out as cold-start test users and which validate
   * @param encoder the text encoder (its fingerprint goes into the model)
   * @param config the model and training settings
   * @param titles target item titles for the catalog
   * @param output the output folder
   * @param progress receives encoding, training and catalog progress
   * @return the paths and the trained model
   */
  public static Result run(
      CrossDomainDataset dataset,
      Split split,
      Encoder encoder,
      RacRecConfig config,
      ItemTitles titles,
      Path output,
      ProgressListener progress) {
    return run(
        dataset,
        split,
        encoder,
        config,
        titles,
        output,
        output.resolve("cache/review-vectors.bin"),
        progress);
  }

  /**
   * Runs the pipeline with review vectors cached in a file of the caller's choice (so that runs in
   * different output folders share one cache).
   *
   * @param dataset the reviews of both domains
   * @param split which users are held out as cold-start test users and which validate
   * @param encoder the text encoder (its fingerprint goes into the model)
   * @param config the model and training settings
   * @param titles target item titles for the catalog
   * @param output the output folder
   * @param vectorCache the review vector cache file
   * @param progress receives encoding, training and catalog progress
   * @return the paths and the trained model
   */
  public static Result run(
      CrossDomainDataset dataset,
      Split split,
      Encoder encoder,
      RacRecConfig config,
      ItemTitles titles,
      Path output,
      Path vectorCache,
      ProgressListener progress) {
    Trained trained = train(dataset, split, encoder, config, output, vectorCache, progress);
    Path modelFolder = trained.modelFolder();
    ReviewVectors vectors = trained.vectors();
    int window = ReviewWindow.DEFAULT.size();

    Set<String> hidden = split.hiddenUsers();
    NewestItemReviews itemReviews = new NewestItemReviews(new ReviewWindow(window));
    DomainReviews target = dataset.target();
    for (int r = 0; r < target.size(); r++) {
      if (!hidden.contains(dataset.users().id(target.user(r)))) {
        itemReviews.accept(target.record(r, dataset.users(), dataset.targetItems()));
      }
    }
    Path catalogFile = output.resolve(CATALOG);
    CatalogBuildReport report;
    try (RacRecTowers towers = RacRecTowers.open(modelFolder)) {
      report =
          CatalogBuilder.builder(encoder)
              .vectors(vectors)
              .itemTower(towers)
              .progress(progress)
              .build()
              .write(itemReviews, titles, catalogFile);
    }
    return new Result(modelFolder, catalogFile, trained.model(), trained.data(), report);
  }
}

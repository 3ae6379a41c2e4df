package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.racrec.TrainedRacRec.EpochStats;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run's state after an epoch, so that a stopped run continues with the next epoch: the
 * network's weights then and at the best epoch so far, the epoch history (which replays early
 * stopping), and the random streams that shuffle pairs and draw unrated items, so the resumed run
 * sees the same data order. The optimizer's moment estimates and PyTorch's own random state are not
 * kept (DJL does not expose them), so a resumed run is close to, not bit-identical with, one that
 * was never stopped.
 *
 * <p>One file per epoch, {@code resume-NNNN.ser}, written to a temporary name and moved into place,
 * then the older ones deleted: a run killed at any moment leaves at least one whole file. A file
 * made for other training data or another configuration is ignored.
 *
 * @param dataFingerprint the training data's fingerprint
 * @param config the configuration, as {@link RacRecConfig#toMap()} prints
 * @param epoch the last epoch finished
 * @param history every epoch so far
 * @param bestEpoch the best epoch so far
 * @param last the weights after {@code epoch}, by parameter name
 * @param best the weights after {@code bestEpoch}
 * @param shuffle the pair shuffle's random stream, as it stands after {@code epoch}
 * @param unrated the unrated-item draws' random stream
 */
record TrainingCheckpoint(
    String dataFingerprint,
    String config,
    int epoch,
    ArrayList<EpochStats> history,
    int bestEpoch,
    LinkedHashMap<String, float[]> last,
    LinkedHashMap<String, float[]> best,
    Random shuffle,
    Random unrated)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);
  private static final String PREFIX = "resume-";
  private static final String SUFFIX = ".ser";
  // A checkpoint holds nothing else: any other class in the file means it is not ours.
  private static final ObjectInputFilter ONLY_CHECKPOINT_CLASSES =
      ObjectInputFilter.Config.createFilter(
          "io.github.racrec.training.racrec.*;java.util.*;java.lang.*;[F;maxdepth=16;!*");

  /** Writes this checkpoint into {@code folder} and removes the earlier ones. */
  void save(Path folder) {
    Path file =
        folder.resolve(String.format(java.util.Locale.ROOT, "%s%04d%s", PREFIX, epoch, SUFFIX));
    Path temporary = folder.resolve(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(folder);
      try (ObjectOutputStream out =
          new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
        out.writeObject(this);
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      for (Path older : files(folder)) {
        if (!older.equals(file)) {
          Files.deleteIfExists(older);
        }
      }
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.IO_ERROR, "cannot save the training checkpoint " + file, e);
    }
  }

  /**
   * Returns the newest readable checkpoint in {@code folder} made for this data and configuration.
   */
  static Optional<TrainingCheckpoint> latest(
      Path folder, String dataFingerprint, RacRecConfig config) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    List<Path> newestFirst;
    try {
      newestFirst = files(folder);
    } catch (IOException e) {
      LOG.warn(
          "Cannot list training checkpoints in {}: starting afresh ({})", folder, e.toString());
      return Optional.empty();
    }
    for (Path file : newestFirst) {
      Optional<TrainingCheckpoint> read = read(file);
      if (read.isEmpty()) {
        continue;
      }
      TrainingCheckpoint checkpoint = read.get();
      if (!checkpoint.dataFingerprint.equals(dataFingerprint)
          || !checkpoint.config.equals(configKey(config))) {
        LOG.info("Training checkpoint {} is for other data or settings: starting afresh", file);
        return Optional.empty();
      }
      LOG.info("Resuming training after epoch {} from {}", checkpoint.epoch, file);
      return read;
    }
    return Optional.empty();
  }

  /** The configuration as a checkpoint records it. */
  static String configKey(RacRecConfig config) {
    return config.toMap().toString();
  }

  private static Optional<TrainingCheckpoint> read(Path file) {
    try (ObjectInputStream in =
        new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      in.setObjectInputFilter(ONLY_CHECKPOINT_CLASSES);
      return Optional.of((TrainingCheckpoint) in.readObject());
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      LOG.warn("Training checkpoint {} cannot be read ({}): skipping it", file, e.toString());
      return Optional.empty();
    }
  }

  /** The checkpoint files in {@code folder}, newest epoch first. */
  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> listing = Files.list(folder)) {
      return listing
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
              })
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    }
  }
}

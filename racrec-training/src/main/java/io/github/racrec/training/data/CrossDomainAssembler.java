package io.github.racrec.training.data;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a source-domain and a target-domain review collection on user id, in two streaming passes
 * so that a source file of any size (17.3 million lines for the 2023 Movies_and_TV) never has to
 * fit in memory:
 *
 * <ol>
 *   <li>read the target files (the smaller domain): all reviews, de-duplicated;
 *   <li>read the source files, keeping only the reviews of users with enough target reviews;
 *       de-duplicate, then keep the users with enough source reviews too.
 * </ol>
 *
 * <p>De-duplication keeps the newest review of a (user, item) pair; at equal times, the one read
 * later.
 *
 * <p>Thread-safety: stateless; the static method may be called concurrently.
 */
public final class CrossDomainAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(CrossDomainAssembler.class);

  private CrossDomainAssembler() {}

  /**
   * Assembles a dataset from review files.
   *
   * @param sourceFiles the source domain's review files (e.g. movies), read in order
   * @param targetFiles the target domain's review files (e.g. music), read in order
   * @param config the overlap thresholds
   * @return the dataset
   * @throws RacrecException as {@link ReviewFileReader#read}, or with {@link
   *     ErrorCode#INVALID_ARGUMENT} if a list of files is empty
   */
  public static CrossDomainDataset assemble(
      List<Path> sourceFiles, List<Path> targetFiles, AssemblyConfig config) {
    return assemble(sourceFiles, targetFiles, config, Set.of());
  }

  /**
   * Assembles a dataset from review files, also keeping the source reviews of the given users
   * whether or not they have target reviews: cold-start users to recommend to, or the test users of
   * an evaluation whose target reviews were removed from the files.
   *
   * @param sourceFiles the source domain's review files (e.g. movies), read in order
   * @param targetFiles the target domain's review files (e.g. music), read in order
   * @param config the overlap thresholds
   * @param coldStartUsers ids of users whose source reviews are kept in any case
   * @return the dataset; the cold-start users are not overlapping users unless they pass the
   *     thresholds
   * @throws RacrecException as {@link ReviewFileReader#read}, or with {@link
   *     ErrorCode#INVALID_ARGUMENT} if a list of files is empty
   */
  public static CrossDomainDataset assemble(
      List<Path> sourceFiles,
      List<Path> targetFiles,
      AssemblyConfig config,
      Set<String> coldStartUsers) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(coldStartUsers, "coldStartUsers");
    requireFiles(sourceFiles, "source");
    requireFiles(targetFiles, "target");
    IdDictionary users = new IdDictionary();
    IdDictionary sourceItems = new IdDictionary();
    IdDictionary targetItems = new IdDictionary();

    DomainReviews.Builder target = new DomainReviews.Builder();
    List<ReadReport> targetReads = new ArrayList<>();
    for (Path file : targetFiles) {
      targetReads.add(
          ReviewFileReader.read(
              file,
              r ->
                  target.put(
                      users.add(r.userId()),
                      targetItems.add(r.itemId()),
                      r.rating(),
                      r.timestampMillis(),
                      r.text())));
    }
    int[] targetCounts = target.countsByUser(users.size());

    DomainReviews.Builder source = new DomainReviews.Builder();
    List<ReadReport> sourceReads = new ArrayList<>();
    long[] otherUsers = {0};
    for (Path file : sourceFiles) {
      sourceReads.add(
          ReviewFileReader.read(
              file,
              r -> {
                int user = users.indexOf(r.userId());
                boolean coldStart = coldStartUsers.contains(r.userId());
                if (!coldStart && (user < 0 || targetCounts[user] < config.minTargetReviews())) {
                  otherUsers[0]++;
                  return;
                }
                if (user < 0) {
                  user = users.add(r.userId());
                }
                source.put(
                    user, sourceItems.add(r.itemId()), r.rating(), r.timestampMillis(), r.text());
              }));
    }
    int[] sourceCounts = source.countsByUser(users.size());
    int[] allTargetCounts = Arrays.copyOf(targetCounts, users.size());

    boolean[] keepSource = new boolean[users.size()];
    boolean[] overlap = new boolean[users.size()];
    List<Integer> overlapping = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      overlap[u] =
          allTargetCounts[u] >= config.minTargetReviews()
              && sourceCounts[u] >= config.minSourceReviews();
      keepSource[u] = overlap[u] || coldStartUsers.contains(users.id(u));
      if (overlap[u]) {
        overlapping.add(u);
      }
    }
    AssemblyReport report =
        new AssemblyReport(
            sourceReads,
            targetReads,
            source.duplicates(),
            target.duplicates(),
            otherUsers[0],
            false);
    CrossDomainDataset dataset =
        new CrossDomainDataset(
            users,
            sourceItems,
            targetItems,
            source.build(u -> keepSource[u], users.size(), sourceItems.size()),
            target.build(
                u -> config.keepOtherTargetUsers() || overlap[u], users.size(), targetItems.size()),
            overlapping.stream().mapToInt(Integer::intValue).toArray(),
            config,
            report);
    LOG.info("Assembled cross-domain dataset: {}", report.summary());
    return dataset;
  }

  /**
   * The reviews of one domain on their own, de-duplicated as in a cross-domain dataset.
   *
   * @param users the users
   * @param items the items
   * @param reviews the reviews
   * @param reads one report per file
   * @param duplicates reviews replaced by a newer review of the same (user, item)
   */
  public record DomainData(
      IdDictionary users,
      IdDictionary items,
      DomainReviews reviews,
      List<ReadReport> reads,
      long duplicates) {}

  /**
   * Reads the review files of one domain, de-duplicating (user, item) pairs, for statistics.
   *
   * @param files the review files, read in order
   * @return the domain's reviews
   * @throws RacrecException as {@link ReviewFileReader#read}
   */
  public static DomainData readDomain(List<Path> files) {
    requireFiles(files, "review");
    IdDictionary users = new IdDictionary();
    IdDictionary items = new IdDictionary();
    DomainReviews.Builder reviews = new DomainReviews.Builder();
    List<ReadReport> reads = new ArrayList<>();
    for (Path file : files) {
      reads.add(
          ReviewFileReader.read(
              file,
              r ->
                  reviews.put(
                      users.add(r.userId()),
                      items.add(r.itemId()),
                      r.rating(),
                      r.timestampMillis(),
                      r.text())));
    }
    return new DomainData(
        users,
        items,
        reviews.build(u -> true, users.size(), items.size()),
        reads,
        reviews.duplicates());
  }

  private static void requireFiles(List<Path> files, String domain) {
    Objects.requireNonNull(files, domain + " files");
    if (files.isEmpty()) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "name at least one " + domain + "-domain review file");
    }
  }
}

package io.github.racrec.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared Amazon review samples ({@code ../shared/data/amazon-samples/} beside the
 * project), which are never committed. Tests that need them call {@link #requireDir()}, which skips
 * the test with a message where the folder is absent (a fresh clone).
 *
 * <p>The folder is the system property {@value #PROPERTY} (the build sets it relative to the
 * project root, not to the module directory tests run in); without the property, it is looked up
 * beside the first folder above the working directory that holds a {@code .mvn} folder.
 */
public final class SampleData {
  /** The system property naming the samples folder. */
  public static final String PROPERTY = "racrec.samples.dir";

  private SampleData() {}

  /**
   * Returns the samples folder if it exists.
   *
   * @return the folder, or empty where the samples are absent
   */
  public static Optional<Path> findDir() {
    String configured = System.getProperty(PROPERTY);
    Path dir = configured != null ? Paths.get(configured) : besideProjectRoot();
    return dir != null && Files.isDirectory(dir) ? Optional.of(dir.normalize()) : Optional.empty();
  }

  /**
   * Returns the samples folder, or skips the calling test with a message if it is absent.
   *
   * @return the folder
   */
  public static Path requireDir() {
    Optional<Path> dir = findDir();
    Assumptions.assumeTrue(
        dir.isPresent(),
        "skipped: the shared Amazon samples are absent (set -D"
            + PROPERTY
            + " to their folder; default ../shared/data/amazon-samples beside the project)");
    return dir.get();
  }

  /**
   * Returns a file of the samples folder, or skips the calling test if it is absent.
   *
   * @param name the file's name
   * @return the file
   */
  public static Path requireFile(String name) {
    Path file = requireDir().resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: sample file " + file + " absent");
    return file;
  }

  /**
   * Returns the four Movies_and_TV files of the samples (the source domain of the 128 users), or
   * skips the calling test if one is absent.
   *
   * @return the files
   */
  public static List<Path> movieFiles() {
    return List.of(
        requireFile("saade92_Movies_and_TV_5.head999.2014.json"),
        requireFile("darrkest_Movies_and_TV_5.head3017.2018.json"),
        requireFile("darrkest_Movies_and_TV_5.sample633.2018.json"),
        requireFile("darrkest_test_set.2018.json"));
  }

  /**
   * Returns the Digital_Music review file of the samples (the target domain), or skips.
   *
   * @return the file
   */
  public static Path musicReviews() {
    return requireFile("reviews_Digital_Music_5.partial.jsonl.gz");
  }

  /**
   * Returns the Digital_Music metadata for the reviewed items, or skips.
   *
   * @return the file
   */
  public static Path musicMeta() {
    return requireFile("meta_Digital_Music.partial.for_review_items.jsonl");
  }

  private static Path besideProjectRoot() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".mvn"))) {
        return dir.resolve("../shared/data/amazon-samples");
      }
    }
    return null;
  }
}

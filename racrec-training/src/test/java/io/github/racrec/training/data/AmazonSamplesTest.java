package io.github.racrec.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.racrec.testing.SampleData;
import io.github.racrec.training.data.CrossDomainAssembler.DomainData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared real Amazon samples (skipped with a message where absent) read to the exact counts
 * their README gives.
 */
class AmazonSamplesTest {
  static final String MUSIC = "reviews_Digital_Music_5.partial.jsonl.gz";
  static final List<String> MOVIES =
      List.of(
          "saade92_Movies_and_TV_5.head999.2014.json",
          "darrkest_Movies_and_TV_5.head3017.2018.json",
          "darrkest_Movies_and_TV_5.sample633.2018.json",
          "darrkest_test_set.2018.json");

  static List<Path> movieFiles() {
    return MOVIES.stream().map(SampleData::requireFile).toList();
  }

  @Test
  void music_2014File_has6908ReviewsFrom2490UsersOn382Items() {
    DomainData music = CrossDomainAssembler.readDomain(List.of(SampleData.requireFile(MUSIC)));
    assertEquals(6_908, music.reviews().size());
    assertEquals(2_490, music.users().size());
    assertEquals(382, music.items().size());
    assertEquals(0, music.reads().get(0).badLines());
  }

  @Test
  void movies_fourFilesDeduplicated_have3872ReviewsFrom3668UsersOn107Items() {
    DomainData movies = CrossDomainAssembler.readDomain(movieFiles());
    assertEquals(3_872, movies.reviews().size());
    int[] usersAndItems = movies.reviews().distinctUsersAndItems();
    assertEquals(3_668, usersAndItems[0]);
    assertEquals(107, usersAndItems[1]);
    assertEquals(
        1, movies.reads().get(2).skipped(SkipReason.BLANK_LINE), "sample633 ends in a blank line");
  }

  @Test
  void crossDomain_moviesToMusic_has128OverlappingUsers() {
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(
            movieFiles(), List.of(SampleData.requireFile(MUSIC)), AssemblyConfig.anyOverlap());
    assertEquals(128, dataset.overlapUsers().length);
    assertEquals(6_908, dataset.target().size(), "all music reviews stay: they make item vectors");
    assertEquals(153, dataset.source().size(), "the overlapping users' movie reviews");
    int musicOfOverlap = 0;
    for (int user : dataset.overlapUsers()) {
      musicOfOverlap += dataset.target().reviewsOfUser(user).length;
    }
    assertEquals(644, musicOfOverlap);
  }
}

package io.github.racrec.training.demo;

import io.github.racrec.training.demo.Tastes.Taste;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes one demo review: an optional opening, one or two sentences about the item's genre, mood
 * and details, sometimes a word about the reviewer's own taste, and a verdict that fits the rating.
 */
final class ReviewSentences {
  private ReviewSentences() {}

  /**
   * A generated review.
   *
   * @param title the review's title (a short summary)
   * @param text its body
   */
  record Review(String title, String text) {}

  private static final List<String> MOVIE_TEMPLATES =
      List.of(
          "It is {a-mood} {genre} about {detail}.",
          "There is {detail}, and the whole thing feels {mood} and {mood2}.",
          "Expect {detail} and {a-mood} atmosphere from start to finish.",
          "What stayed with me was {detail}; the tone is {mood} throughout.",
          "{A-mood}, {mood2} {genre} built around {detail}.",
          "The story centres on {detail}, told in {a-mood} way.");

  private static final List<String> MUSIC_TEMPLATES =
      List.of(
          "It is {a-mood} {genre} full of {detail}.",
          "You get {detail}, and the whole record sounds {mood} and {mood2}.",
          "Expect {detail} and {a-mood} feel from the first track to the last.",
          "What stayed with me was {detail}; the sound is {mood} throughout.",
          "{A-mood}, {mood2} {genre} built on {detail}.",
          "The songs lean on {detail}, with {a-mood} edge.");

  static Review write(Random random, Taste taste, Taste favourite, int rating, boolean movie) {
    List<String> sentences = new ArrayList<>();
    String opening = pick(random, movie ? Tastes.MOVIE_OPENINGS : Tastes.MUSIC_OPENINGS);
    if (!opening.isEmpty()) {
      sentences.add(opening);
    }
    List<String> templates = movie ? MOVIE_TEMPLATES : MUSIC_TEMPLATES;
    List<String> details = movie ? taste.movieDetails() : taste.musicDetails();
    int first = random.nextInt(templates.size());
    sentences.add(fill(random, templates.get(first), taste, details, movie));
    if (random.nextBoolean()) {
      int second = (first + 1 + random.nextInt(templates.size() - 1)) % templates.size();
      sentences.add(fill(random, templates.get(second), taste, details, movie));
    }
    if (random.nextInt(3) == 0) {
      sentences.add(otherDomain(random, taste, movie));
    }
    if (random.nextInt(3) == 0) {
      sentences.add(aboutMe(random, taste, favourite, movie));
    }
    sentences.add(pick(random, verdicts(rating)));
    String title =
        pick(
            random,
            rating <= 2
                ? Tastes.SUMMARIES_LOW
                : rating == 3 ? Tastes.SUMMARIES_MID : Tastes.SUMMARIES_HIGH);
    return new Review(title, String.join(" ", sentences));
  }

  /**
   * A sentence that ties the item to the other domain, as reviewers do: a film's soundtrack, the
   * films an album would suit. This is where the cross-domain link shows in the words.
   */
  private static String otherDomain(Random random, Taste taste, boolean movie) {
    if (movie) {
      String detail = pick(random, taste.musicDetails());
      return random.nextBoolean()
          ? "The soundtrack is all " + detail + "."
          : "Even the score fits, with " + detail + ".";
    }
    return random.nextBoolean()
        ? "It would make a perfect soundtrack for "
            + article(taste.movieGenre())
            + " "
            + taste.movieGenre()
            + "."
        : "Listening to it feels like watching " + taste.moviePlural() + ".";
  }

  private static String aboutMe(Random random, Taste taste, Taste favourite, boolean movie) {
    String mine = movie ? favourite.moviePlural() : favourite.musicPlural();
    if (favourite == taste) {
      return random.nextBoolean()
          ? "As a big fan of " + mine + ", this was right up my alley."
          : "I love " + mine + " and this one delivers.";
    }
    return random.nextBoolean()
        ? "I usually go for " + mine + ", so this was a change for me."
        : "Normally I stick to " + mine + ".";
  }

  private static String fill(
      Random random, String template, Taste taste, List<String> details, boolean movie) {
    String mood = pick(random, taste.moods());
    String mood2 = pick(random, taste.moods());
    while (mood2.equals(mood)) {
      mood2 = pick(random, taste.moods());
    }
    return template
        .replace("{A-mood}", capitalize(article(mood)) + " " + mood)
        .replace("{a-mood}", article(mood) + " " + mood)
        .replace("{mood}", mood)
        .replace("{mood2}", mood2)
        .replace("{genre}", movie ? taste.movieGenre() : taste.musicGenre())
        .replace("{detail}", pick(random, details));
  }

  private static List<String> verdicts(int rating) {
    return switch (rating) {
      case 1 -> Tastes.VERDICTS_1;
      case 2 -> Tastes.VERDICTS_2;
      case 3 -> Tastes.VERDICTS_3;
      case 4 -> Tastes.VERDICTS_4;
      default -> Tastes.VERDICTS_5;
    };
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String pick(Random random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }
}

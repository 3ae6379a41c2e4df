package io.github.racrec.training.demo;

import java.util.List;

/**
 * The tastes of the demo world. Each taste is a movie genre and a music genre that share a mood:
 * the planted cross-domain link. Reviews describe an item by its genre's details and the shared
 * mood words, in varied sentences.
 */
final class Tastes {
  private Tastes() {}

  /**
   * One taste.
   *
   * @param name a short name
   * @param movieGenre the movie genre, as a reviewer names it
   * @param musicGenre the music genre, as a reviewer names it
   * @param moviePlural the movie genre in the plural
   * @param musicPlural the music genre in the plural
   * @param moods adjectives that fit both sides
   * @param movieDetails things a movie review of this genre mentions
   * @param musicDetails things a music review of this genre mentions
   * @param movieTitleWords words for movie titles
   * @param musicTitleWords words for album titles
   */
  record Taste(
      String name,
      String movieGenre,
      String musicGenre,
      String moviePlural,
      String musicPlural,
      List<String> moods,
      List<String> movieDetails,
      List<String> musicDetails,
      List<String> movieTitleWords,
      List<String> musicTitleWords) {}

  static final List<Taste> ALL =
      List.of(
          new Taste(
              "dark",
              "horror film",
              "heavy metal record",
              "horror films",
              "heavy metal records",
              List.of("dark", "menacing", "brutal", "grim", "relentless", "terrifying"),
              List.of(
                  "a creature lurking in the basement",
                  "jump scares that actually work",
                  "a haunted farmhouse",
                  "a masked killer stalking the town",
                  "blood-soaked final act",
                  "creaking doors and whispers in the dark"),
              List.of(
                  "crushing guitar riffs",
                  "growled vocals",
                  "double-kick drumming",
                  "distorted bass that rattles the walls",
                  "a blistering guitar solo",
                  "songs about death and ruin"),
              List.of("Night", "Cellar", "Hollow", "Crimson", "Shadow", "Grave", "Howl", "Ashes"),
              List.of("Iron", "Ruin", "Abyss", "Skull", "Inferno", "Chains", "Black", "Storm")),
          new Taste(
              "romantic",
              "romance",
              "soul album",
              "romances",
              "soul albums",
              List.of("tender", "heartfelt", "passionate", "sweet", "intimate", "warm"),
              List.of(
                  "two strangers falling in love in Paris",
                  "a wedding that almost does not happen",
                  "long letters between lovers",
                  "a slow dance in the rain",
                  "a love triangle at a seaside inn",
                  "a heartbreaking goodbye at the station"),
              List.of(
                  "silky vocals",
                  "love songs sung from the heart",
                  "slow grooves made for dancing close",
                  "lush string arrangements behind the voice",
                  "gospel-tinged harmonies",
                  "ballads about longing and devotion"),
              List.of("Love", "Letters", "Summer", "Heart", "Paris", "Promise", "Rose", "Kiss"),
              List.of(
                  "Velvet", "Honey", "Devotion", "Midnight", "Lover", "Soul", "Tender", "Sugar")),
          new Taste(
              "futuristic",
              "science fiction movie",
              "electronic album",
              "science fiction movies",
              "electronic albums",
              List.of("futuristic", "cosmic", "hypnotic", "sleek", "otherworldly", "cerebral"),
              List.of(
                  "a starship drifting past Jupiter",
                  "androids questioning what it means to be human",
                  "time travel paradoxes",
                  "a colony on a frozen moon",
                  "neon-lit cities ruled by machines",
                  "first contact with an alien signal"),
              List.of(
                  "pulsing synthesizers",
                  "glitchy beats",
                  "ambient washes of sound",
                  "arpeggiated synth lines",
                  "deep basslines built for the club",
                  "robotic vocoder vocals"),
              List.of("Orbit", "Nova", "Signal", "Android", "Horizon", "Quantum", "Echo", "Zero"),
              List.of(
                  "Circuit", "Pulse", "Neon", "Binary", "Satellite", "Static", "Drift", "Vector")),
          new Taste(
              "frontier",
              "western",
              "country album",
              "westerns",
              "country albums",
              List.of("rugged", "dusty", "weathered", "earthy", "lonesome", "sun-baked"),
              List.of(
                  "gunfights on a dusty main street",
                  "cattle drives across the plains",
                  "an outlaw seeking redemption",
                  "a lonely sheriff and his horse",
                  "a showdown at high noon",
                  "settlers defending their ranch"),
              List.of(
                  "twangy guitars and a steel guitar",
                  "songs about trucks, whiskey and home",
                  "a fiddle that carries every chorus",
                  "a warm baritone singing of small towns",
                  "honky-tonk piano",
                  "story songs about hard-working folks"),
              List.of("Gun", "Ridge", "Outlaw", "Canyon", "Dust", "Saddle", "Creek", "Mesa"),
              List.of(
                  "Whiskey", "Highway", "Dirt", "Hometown", "Rodeo", "Porch", "Prairie", "Boots")),
          new Taste(
              "cheerful",
              "comedy",
              "pop album",
              "comedies",
              "pop albums",
              List.of("cheerful", "upbeat", "bubbly", "goofy", "sunny", "playful"),
              List.of(
                  "slapstick gags in a wedding gone wrong",
                  "a road trip full of silly mishaps",
                  "witty banter between roommates",
                  "an office party that gets out of hand",
                  "a clumsy hero and his talking dog",
                  "a prank war between neighbours"),
              List.of(
                  "catchy choruses you hum all day",
                  "bright dance-pop production",
                  "hooks built for the radio",
                  "handclaps and bouncy synths",
                  "a singer with an infectious giggle in her voice",
                  "three-minute songs about summer crushes"),
              List.of("Party", "Oops", "Crazy", "Weekend", "Buddies", "Chaos", "Prank", "Holiday"),
              List.of(
                  "Sunshine",
                  "Candy",
                  "Confetti",
                  "Sparkle",
                  "Bubblegum",
                  "Glitter",
                  "Pop",
                  "Yay")),
          new Taste(
              "epic",
              "war epic",
              "classical recording",
              "war epics",
              "classical recordings",
              List.of("epic", "majestic", "solemn", "grand", "sweeping", "stirring"),
              List.of(
                  "a battle on the beaches of Normandy",
                  "generals arguing over maps by candlelight",
                  "the fall of an ancient empire",
                  "soldiers writing home from the trenches",
                  "cavalry charging across a frozen river",
                  "a siege that lasts for months"),
              List.of(
                  "a full orchestra in glorious sound",
                  "a brooding symphony in a minor key",
                  "soaring violin concertos",
                  "choral passages that fill the hall",
                  "a piano sonata played with great restraint",
                  "brass fanfares and timpani rolls"),
              List.of("Empire", "Battle", "Glory", "Legion", "Siege", "Valor", "Crown", "Dawn"),
              List.of(
                  "Symphony",
                  "Requiem",
                  "Concerto",
                  "Overture",
                  "Nocturne",
                  "Sonata",
                  "Aria",
                  "Opus")),
          new Taste(
              "family",
              "animated family movie",
              "children's album",
              "animated family movies",
              "children's albums",
              List.of("whimsical", "gentle", "colourful", "innocent", "magical", "cuddly"),
              List.of(
                  "a lost puppy finding its way home",
                  "talking toys on an adventure",
                  "a little dragon who is afraid of fire",
                  "bright animation that kids adore",
                  "a princess who befriends a snowman",
                  "songs the whole family sings along to"),
              List.of(
                  "sing-along songs about animals",
                  "lullabies that put my toddler to sleep",
                  "counting and alphabet songs",
                  "silly rhymes with ukulele and kazoo",
                  "gentle bedtime melodies",
                  "songs about brushing teeth and sharing toys"),
              List.of("Puppy", "Dragon", "Toy", "Kingdom", "Wish", "Bunny", "Castle", "Rainbow"),
              List.of(
                  "Lullaby",
                  "Playtime",
                  "Teddy",
                  "Bedtime",
                  "Giggles",
                  "Twinkle",
                  "Wiggle",
                  "ABC")),
          new Taste(
              "noir",
              "crime thriller",
              "jazz record",
              "crime thrillers",
              "jazz records",
              List.of("smoky", "moody", "cool", "shadowy", "slinky", "late-night"),
              List.of(
                  "a detective chasing a mob boss",
                  "a heist planned in a smoky back room",
                  "a femme fatale with a secret",
                  "rain-soaked alleys and double crosses",
                  "a corrupt cop and a missing witness",
                  "a courtroom showdown with a twist"),
              List.of(
                  "a muted trumpet solo",
                  "walking bass and brushed drums",
                  "a saxophone that wails in the dark",
                  "improvised piano runs",
                  "swing rhythms from a big band",
                  "a sultry singer backed by a trio"),
              List.of("Alley", "Heist", "Witness", "Badge", "Smoke", "Verdict", "Double", "Vice"),
              List.of(
                  "Blue", "Bebop", "Swing", "Nightclub", "Trane", "Velvet", "Cool", "Standard")));

  /** Openings that say nothing about the item or the taste. */
  static final List<String> MOVIE_OPENINGS =
      List.of(
          "Watched this on a rainy Sunday.",
          "My sister talked me into this one.",
          "Finally got around to seeing it.",
          "Saw it twice in the same week.",
          "Rented it on a whim.",
          "Caught it late at night on cable.",
          "We picked this for movie night.",
          "");

  static final List<String> MUSIC_OPENINGS =
      List.of(
          "Bought this after hearing one track on the radio.",
          "Been playing this in the car all month.",
          "A friend sent me this record.",
          "Downloaded it last week.",
          "Listened to it start to finish on a long walk.",
          "Picked it up on vinyl.",
          "This was a birthday present.",
          "");

  static final List<String> VERDICTS_1 =
      List.of(
          "I could not finish it.",
          "A complete waste of money.",
          "Honestly one of the worst I have come across.",
          "Avoid this one.");
  static final List<String> VERDICTS_2 =
      List.of(
          "Not really my thing, and it dragged.",
          "Disappointing overall.",
          "I wanted to like it but it left me cold.",
          "Some moments work, most do not.");
  static final List<String> VERDICTS_3 =
      List.of(
          "It was fine, nothing special.",
          "Decent, but I will not return to it often.",
          "An okay way to spend some time.",
          "Good in parts, forgettable in others.");
  static final List<String> VERDICTS_4 =
      List.of(
          "Really enjoyable overall.",
          "I liked it a lot and would recommend it.",
          "Solid from beginning to end.",
          "Well worth the price.");
  static final List<String> VERDICTS_5 =
      List.of(
          "Absolutely loved it.",
          "One of the best I have found in years.",
          "A new favourite, no question.",
          "Perfect, five stars without hesitation.");

  static final List<String> SUMMARIES_LOW =
      List.of("Disappointing", "Not for me", "Skip it", "Meh", "Could have been better");
  static final List<String> SUMMARIES_MID = List.of("Okay", "Decent enough", "Fine", "Mixed");
  static final List<String> SUMMARIES_HIGH =
      List.of("Loved it", "Great", "Fantastic", "Highly recommended", "Wonderful", "Five stars");
}

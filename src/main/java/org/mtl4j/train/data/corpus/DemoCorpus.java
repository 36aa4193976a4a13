package org.mtl4j.train.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The built-in demo data set: SNIPS-like utterances for seven intents with slot tags, generated
 * from this class's own templates and word lists. The same seed and sizes always give the same
 * utterances; no utterance appears twice across the three splits.
 *
 * <p>A template is a sentence whose {@code {slot}} words are filled from that slot's values; the
 * value's words are tagged {@code B-slot}, {@code I-slot}, every other word {@code O}.
 */
public final class DemoCorpus {

  /**
   * How many utterances each split gets.
   *
   * @param train training utterances
   * @param dev development utterances
   * @param test test utterances
   */
  public record Sizes(int train, int dev, int test) {

    /** The default: small enough to fine-tune a small encoder in minutes on a laptop. */
    public static final Sizes DEFAULT = new Sizes(2400, 300, 300);

    /** Requires a positive size for every split. */
    public Sizes {
      if (train < 1 || dev < 1 || test < 1) {
        throw new IllegalArgumentException("every split needs at least one utterance");
      }
    }

    int total() {
      return train + dev + test;
    }
  }

  private static final int ATTEMPTS_PER_UTTERANCE = 50;

  private static final Map<String, List<String>> TEMPLATES =
      Map.of(
          "PlayMusic",
          List.of(
              "play {artist}",
              "play some {genre} music",
              "play the {sort} {music_item} by {artist}",
              "put on {artist} on {service}",
              "i want to hear {genre} from {year}",
              "can you play {song} by {artist}",
              "play {song} on {service}",
              "start a {genre} {music_item} from {year} please",
              "listen to {artist} {sort} {music_item}",
              "play music from {year} on {service}"),
          "AddToPlaylist",
          List.of(
              "add {song} to my {playlist} playlist",
              "put this {music_item} on {playlist}",
              "add {artist} to the {playlist} list",
              "please add {song} by {artist} to {playlist}",
              "include the {music_item} {song} in my {playlist} playlist",
              "save this {music_item} to {playlist}"),
          "RateBook",
          List.of(
              "rate {book} {rating} out of {best_rating}",
              "give {book} {rating} stars",
              "i rate this {book_type} {rating} of {best_rating}",
              "rate the current {book_type} a {rating}",
              "give {rating} points to {book}",
              "my rating for {book} is {rating} out of {best_rating}"),
          "SearchScreeningEvent",
          List.of(
              "what time is {movie} playing at {cinema}",
              "find the schedule for {movie} {time_range}",
              "which films are showing at {cinema} {time_range}",
              "is {movie} playing {time_range}",
              "show me movie times at the {spatial_relation} cinema",
              "find {movie} showtimes at {cinema}"),
          "BookRestaurant",
          List.of(
              "book a table for {party_size} at a {cuisine} restaurant in {city}",
              "reserve a {restaurant_type} for {party_size} {time_range}",
              "i need a table for {party_size} in {city} {time_range}",
              "book a {cuisine} {restaurant_type} in {city}",
              "make a reservation for {party_size} people at a {restaurant_type} {time_range}",
              "find a {cuisine} place in {city} for {party_size}"),
          "GetWeather",
          List.of(
              "what is the weather in {city} {time_range}",
              "will it be {condition} in {city} {time_range}",
              "is it going to be {condition} {time_range}",
              "weather forecast for {city}",
              "how {condition} will it get in {city}",
              "tell me the forecast {time_range} in {city}"),
          "SearchCreativeWork",
          List.of(
              "find the {work_type} {title}",
              "search for {title}",
              "i am looking for the {work_type} called {title}",
              "show me the {title} {work_type}",
              "where can i see the {work_type} {title}",
              "look up {title}"));

  private static final List<String> FIRST =
      values(
          "mara, theo, lena, oskar, ivy, jonas, nia, felix, rosa, amir, clara, ezra, hana, "
              + "milo, sofia, victor");
  private static final List<String> LAST =
      values(
          "lind, quill, varga, okafor, brandt, sato, moreau, keller, reyes, novak, hart, "
              + "dunmore, ilves, castell");
  private static final List<String> ADJECTIVES =
      values(
          "silent, golden, broken, electric, quiet, northern, paper, velvet, hidden, last, "
              + "crimson, endless, hollow, wild, glass, lonely");
  private static final List<String> NOUNS =
      values(
          "river, harbor, garden, machine, letters, summer, lantern, city, mountain, "
              + "ocean, orchard, signal, kingdom, mirror, train, forest");

  private static final Map<String, List<String>> SLOTS =
      Map.ofEntries(
          Map.entry(
              "genre",
              values(
                  "jazz, blues, rock, soul, folk, hip hop, classical, reggae, country, electronic, "
                      + "metal, bossa nova")),
          Map.entry("sort", values("newest, latest, best, most popular, top")),
          Map.entry("music_item", values("song, album, track, tune, record")),
          Map.entry(
              "service",
              values("spotify, deezer, youtube, pandora, soundcloud, apple music, tidal")),
          Map.entry(
              "year",
              values("1975, 1982, 1990, the eighties, the sixties, 2005, 2012, the nineties")),
          Map.entry(
              "playlist",
              values(
                  "road trip, workout, chill evening, sunday morning, party mix, focus, rainy day, "
                      + "summer hits, study")),
          Map.entry("rating", values("one, two, three, four, five, 1, 2, 3, 4, 5, zero, six")),
          Map.entry("best_rating", values("5, 6, 10, five, six, ten")),
          Map.entry("book_type", values("book, novel, textbook, saga, essay, chronicle")),
          Map.entry(
              "cinema",
              values(
                  "the grand cinema, star theatres, the odeon, cinema one, the palace, "
                      + "riverside screens")),
          Map.entry("spatial_relation", values("nearest, closest, nearby, local")),
          Map.entry(
              "time_range",
              values(
                  "tonight, tomorrow, this weekend, at noon, next friday, on monday, this evening, "
                      + "in two hours, at 8 pm")),
          Map.entry("party_size", values("two, three, four, five, six, 2, 4, 8, ten")),
          Map.entry(
              "cuisine",
              values("italian, thai, mexican, indian, japanese, greek, ethiopian, french, korean")),
          Map.entry(
              "restaurant_type",
              values("restaurant, bistro, diner, cafe, brasserie, pub, steakhouse")),
          Map.entry(
              "city",
              values(
                  "paris, boston, lisbon, nairobi, osaka, denver, oslo, lima, new york, cape town, "
                      + "san diego, buenos aires")),
          Map.entry(
              "condition", values("sunny, rainy, windy, cold, hot, foggy, snowy, humid, warm")),
          Map.entry(
              "work_type",
              values("movie, tv show, game, painting, song, book, series, soundtrack")));

  private DemoCorpus() {}

  /**
   * Generates the demo corpus.
   *
   * @param seed the seed; the same seed and sizes give the same corpus
   * @param sizes utterances per split
   * @return the corpus
   */
  public static Corpus generate(long seed, Sizes sizes) {
    Random random = new Random(seed);
    List<String> intents = TEMPLATES.keySet().stream().sorted().toList();
    Set<String> seen = new HashSet<>();
    List<Utterance> all = new ArrayList<>(sizes.total());
    int attempts = 0;
    while (all.size() < sizes.total()) {
      if (++attempts > ATTEMPTS_PER_UTTERANCE * sizes.total()) {
        throw new IllegalArgumentException(
            "the demo templates cannot make " + sizes.total() + " distinct utterances");
      }
      String intent = intents.get(random.nextInt(intents.size()));
      List<String> templates = TEMPLATES.get(intent);
      Utterance u = fill(templates.get(random.nextInt(templates.size())), intent, random);
      if (seen.add(u.text())) {
        all.add(u);
      }
    }
    int dev = sizes.train() + sizes.dev();
    return new Corpus(
        "the built-in demo data set (seed " + seed + ")",
        all.subList(0, sizes.train()),
        all.subList(sizes.train(), dev),
        all.subList(dev, all.size()));
  }

  /**
   * Generates the demo corpus and writes it as the intent, ner and fragdetect tasks.
   *
   * @param out the folder to write
   * @param seed the seed of the utterances and the fragments
   * @param sizes utterances per split
   * @param progress receives one line per step
   * @return the task file and row counts
   */
  public static TaskFolderWriter.Written write(
      Path out, long seed, Sizes sizes, Consumer<String> progress) {
    return TaskFolderWriter.intentSlotsAndFragments(
        generate(seed, sizes), out, new Fragments(0.5, seed), progress);
  }

  private static Utterance fill(String template, String intent, Random random) {
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String part : template.split(" ")) {
      if (!part.startsWith("{")) {
        words.add(part);
        tags.add("O");
        continue;
      }
      String slot = part.substring(1, part.length() - 1);
      String[] value = value(slot, random).split(" ");
      String tagType = slotTag(slot);
      for (int i = 0; i < value.length; i++) {
        words.add(value[i]);
        tags.add((i == 0 ? "B-" : "I-") + tagType);
      }
    }
    return new Utterance(words, tags, intent);
  }

  private static String value(String slot, Random random) {
    return switch (slot) {
      case "artist" -> pick(FIRST, random) + " " + pick(LAST, random);
      case "song", "movie" -> pick(ADJECTIVES, random) + " " + pick(NOUNS, random);
      case "book", "title" -> "the " + pick(ADJECTIVES, random) + " " + pick(NOUNS, random);
      default -> pick(SLOTS.get(slot), random);
    };
  }

  private static String slotTag(String slot) {
    return switch (slot) {
      case "book", "title" -> "object_name";
      case "movie" -> "movie_name";
      case "song" -> "entity_name";
      case "book_type", "work_type" -> "object_type";
      case "rating" -> "rating_value";
      case "party_size" -> "party_size_number";
      case "cinema" -> "location_name";
      case "condition" -> "condition_description";
      case "time_range" -> "timeRange";
      default -> slot;
    };
  }

  private static List<String> values(String commaSeparated) {
    return List.of(commaSeparated.split(", "));
  }

  private static String pick(List<String> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }
}

package org.mtl4j.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import org.mtl4j.runtime.ModelInput;

/**
 * Makes workloads: from a texts file, from a package's dev texts, from built-in sentences, or
 * synthetic lengths x batches.
 */
public final class Workloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sentences of everyday requests, 5 to 30 words, used when no texts are given. */
  static final List<String> BUILT_IN =
      List.of(
          "book a table for two at an italian restaurant tonight",
          "what is the weather going to be like in paris tomorrow morning",
          "play the latest album by the rolling stones",
          "remind me to call anna on monday at nine",
          "how long does it take to drive from berlin to munich if the motorway is closed near nuremberg",
          "cancel my subscription",
          "add milk eggs and bread to my shopping list for the weekend",
          "set an alarm for six thirty",
          "i would like to rate this book five stars because the story kept me awake every night until i finished it",
          "find a cheap flight from london to new york in the second week of march with a return on the friday",
          "turn off the lights in the kitchen",
          "what movies are playing at the cinema near the station this evening",
          "send a message to the team saying the meeting moves to three",
          "is there a pharmacy open on sunday around here",
          "translate good morning into spanish",
          "show me the best rated hiking trails within fifty kilometres of zurich that are suitable for children and dogs");

  private static final String[] WORDS = {
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "then", "runs", "to",
    "paris", "with", "anna", "on", "monday", "for", "a", "new", "job", "in", "city", "train"
  };

  private Workloads() {}

  /**
   * @param batch inputs per call
   * @return the built-in sentences in calls of {@code batch}
   */
  public static Workload builtIn(int batch) {
    List<ModelInput> inputs = BUILT_IN.stream().map(ModelInput::of).toList();
    return Workload.of(
        "built-in sentences (" + inputs.size() + "), batch " + batch, group(inputs, batch));
  }

  /**
   * Reads texts: a {@code .txt} file with one text per line (blank lines skipped) or a {@code
   * .jsonl} file of {@code {"text": T}} or {@code {"text": T, "text_b": T2}} objects.
   *
   * @param file the file
   * @param batch inputs per call
   * @return the workload
   * @throws BenchInputException naming the file (and line) when it is unreadable, empty or
   *     malformed
   */
  public static Workload fromFile(Path file, int batch) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    boolean jsonl = name.endsWith(".jsonl");
    if (!jsonl && !name.endsWith(".txt")) {
      throw new BenchInputException(
          "texts file "
              + file
              + ": expected a .txt file (one text per line) or a .jsonl file"
              + " ({\"text\": ..., \"text_b\": ...} per line)");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new BenchInputException("texts file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new BenchInputException("cannot read texts file " + file + ": " + e, e);
    }
    List<ModelInput> inputs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        inputs.add(jsonl ? jsonInput(line, file, i + 1) : ModelInput.of(line));
      }
    }
    if (inputs.isEmpty()) {
      throw new BenchInputException("texts file " + file + " holds no texts");
    }
    return Workload.of(
        name + " (" + inputs.size() + " texts), batch " + batch, group(inputs, batch));
  }

  /**
   * The dev texts of the measured tasks, each distinct input once, in task then file order. Text
   * tasks are preferred: pair tasks' pairs are used only when no measured task with dev data reads
   * single texts (a run measures one kind).
   *
   * @param split the package's dev texts
   * @param tasks the tasks measured; empty for all of the package's tasks
   * @param batch inputs per call
   * @return the workload, its description naming the task file, the tasks and the count
   * @throws BenchInputException when none of the tasks has dev data
   */
  public static Workload fromDevSplit(DevSplit split, List<String> tasks, int batch) {
    Map<String, List<ModelInput>> texts = split.texts();
    List<String> measured =
        texts.keySet().stream()
            .filter(t -> (tasks.isEmpty() || tasks.contains(t)) && !texts.get(t).isEmpty())
            .toList();
    if (measured.isEmpty()) {
      throw new BenchInputException(
          split.taskFile()
              + " has no dev data for "
              + (tasks.isEmpty() ? "the package's tasks" : "tasks " + tasks));
    }
    boolean pairs = measured.stream().allMatch(t -> texts.get(t).get(0).isPair());
    List<String> used =
        measured.stream().filter(t -> texts.get(t).get(0).isPair() == pairs).toList();
    Set<ModelInput> inputs = new LinkedHashSet<>();
    used.forEach(t -> inputs.addAll(texts.get(t)));
    return Workload.of(
        "dev "
            + (pairs ? "pairs" : "texts")
            + " of "
            + split.taskFile()
            + " (tasks "
            + String.join(", ", used)
            + ": "
            + inputs.size()
            + (pairs ? " pairs" : " texts")
            + "), batch "
            + batch,
        group(List.copyOf(inputs), batch));
  }

  private static ModelInput jsonInput(String line, Path file, int lineNumber) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new BenchInputException(
          file
              + " line "
              + lineNumber
              + ": not valid JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
    if (node == null
        || !node.isObject()
        || !node.path("text").isTextual()
        || node.path("text").asText().isBlank()) {
      throw new BenchInputException(
          file + " line " + lineNumber + ": expected an object with a non-empty \"text\" string");
    }
    JsonNode b = node.get("text_b");
    if (b != null && !b.isNull()) {
      if (!b.isTextual()) {
        throw new BenchInputException(
            file + " line " + lineNumber + ": \"text_b\" must be a string");
      }
      return ModelInput.pair(node.get("text").asText(), b.asText());
    }
    return ModelInput.of(node.get("text").asText());
  }

  /**
   * Texts of exact token lengths, for every length and batch size.
   *
   * @param lengths tokens per input, special tokens included
   * @param batchSizes inputs per call
   * @param tokens counts the tokens the model's tokenizer makes of a text
   * @param maxLength the model's longest input
   * @return one call per (length, batch) pair, lengths outer
   * @throws BenchInputException when a length is below 3 or above the maximum
   */
  public static Workload synthetic(
      List<Integer> lengths,
      List<Integer> batchSizes,
      ToIntFunction<String> tokens,
      int maxLength) {
    List<List<ModelInput>> batches = new ArrayList<>();
    long seed = 1;
    for (int length : lengths) {
      if (length < 3 || length > maxLength) {
        throw new BenchInputException(
            "--lengths: "
                + length
                + " tokens is outside 3.."
                + maxLength
                + " (the model's maximum length)");
      }
      for (int size : batchSizes) {
        List<ModelInput> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          batch.add(ModelInput.of(text(length, seed++, tokens)));
        }
        batches.add(batch);
      }
    }
    return Workload.of("synthetic: lengths " + lengths + " x batches " + batchSizes, batches);
  }

  /**
   * Words drawn at random until the tokenizer counts exactly {@code length} tokens.
   *
   * @param length wanted tokens, special tokens included
   * @param seed the word order's seed
   * @param tokens counts the tokens of a text
   * @return the text
   */
  public static String text(int length, long seed, ToIntFunction<String> tokens) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder text = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
    while (tokens.applyAsInt(text.toString()) < length) {
      text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
    }
    if (tokens.applyAsInt(text.toString()) != length) {
      throw new IllegalStateException("cannot make a text of exactly " + length + " tokens");
    }
    return text.toString();
  }

  private static List<List<ModelInput>> group(List<ModelInput> inputs, int batch) {
    if (batch < 1) {
      throw new BenchInputException("--batches must be at least 1, was " + batch);
    }
    List<List<ModelInput>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i += batch) {
      out.add(inputs.subList(i, Math.min(inputs.size(), i + batch)));
    }
    return out;
  }
}

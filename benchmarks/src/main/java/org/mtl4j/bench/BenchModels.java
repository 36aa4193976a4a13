package org.mtl4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.mtl4j.bench.run.Workloads;
import org.mtl4j.export.PackageExporter;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TextTokenizer;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelFiles;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.pretrained.PretrainedSource;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * The benchmark models, built from real files the way {@code mtl convert --heads} builds packages:
 * the pretrained all-MiniLM-L6-v2 encoder (from its langchain4j jar) or a tiny random BERT on
 * MiniLM's tokenizer, seeded heads for intent (classification), topics (multi-label), slots
 * (tagging) and nli (pair classification), written as a package and exported to ONNX by the
 * exporter. No reference outputs are recorded (they need the training framework), so the export
 * skips the parity gate; these models are timed, not judged.
 */
public final class BenchModels {

  /** Single-sentence classification, 3 classes. */
  public static final TaskSpec INTENT =
      task("intent", TaskType.SINGLE_SENTENCE_CLASSIFICATION, "greet", "book", "cancel");

  /** Multi-label classification, 4 labels. */
  public static final TaskSpec TOPICS =
      task("topics", TaskType.MULTI_LABEL_CLASSIFICATION, "sports", "politics", "tech", "music");

  /** Token tagging, BIO tags. */
  public static final TaskSpec SLOTS =
      task("slots", TaskType.NER, "O", "B-PER", "I-PER", "B-LOC", "I-LOC");

  /** Sentence-pair classification, 3 classes. */
  public static final TaskSpec NLI =
      task("nli", TaskType.SENTENCE_PAIR_CLASSIFICATION, "entailment", "neutral", "contradiction");

  /** The tasks that read one text: the benchmarks' three-task model. */
  public static final List<TaskSpec> SINGLE = List.of(INTENT, TOPICS, SLOTS);

  /** The seed of the heads' weights. */
  public static final long SEED = 42;

  /**
   * System property naming a folder that keeps the MiniLM benchmark models between JVMs (JMH
   * forks): they are built there by the first fork and reused by the next, e.g. {@code
   * -jvmArgsAppend -Dmtl4j.bench.models=/tmp/mtl4j-models}. Without it every fork builds them in a
   * temporary folder.
   */
  public static final String MODELS_PROPERTY = "mtl4j.bench.models";

  private BenchModels() {}

  /**
   * Writes the benchmark models for {@code mtl bench}: the MiniLM package, its three-task graph and
   * one single-task graph per task (the original library's way: the encoder runs once per task).
   * Run: {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)
   * org.mtl4j.bench.BenchModels DIR}.
   *
   * @param args the folder to write into
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    ModelPackage pkg =
        writePackage(PretrainedSource.ALL_MINILM_L6_V2.load(), SINGLE, dir.resolve("package"));
    write(graph(pkg, SINGLE), dir.resolve("three-tasks.onnx"));
    for (TaskSpec task : SINGLE) {
      write(graph(pkg, List.of(task)), dir.resolve(task.name() + ".onnx"));
    }
  }

  private static TaskSpec task(String name, TaskType type, String... labels) {
    return new TaskSpec(name, type, List.of(labels), "CrossEntropyLoss", 1.0, List.of(), 0.1);
  }

  /**
   * @param dir the package folder to write
   * @return MiniLM with the three single-text heads, exported to {@code model.onnx}
   */
  public static Path miniLmPackage(Path dir) {
    return exportAll(writePackage(PretrainedSource.ALL_MINILM_L6_V2.load(), SINGLE, dir));
  }

  /**
   * @return {@link #miniLmPackage(Path)} in the folder {@link #MODELS_PROPERTY} names (built there
   *     once), or else in a temporary folder removed when the JVM exits
   */
  public static Path miniLmPackage() {
    String kept = System.getProperty(MODELS_PROPERTY);
    if (kept == null) {
      return miniLmPackage(tempDir().resolve("minilm"));
    }
    Path dir = Path.of(kept).resolve("minilm");
    return Files.isRegularFile(dir.resolve(ModelPackage.MODEL_ONNX)) ? dir : miniLmPackage(dir);
  }

  /**
   * A graph file beside a package, made only when it is not there yet (the file is installed whole
   * or not at all, so a present file is complete).
   *
   * @param pkg the package
   * @param name the file name
   * @param graph makes the graph when the file is missing
   * @return the file
   */
  public static Path besidePackage(Path pkg, String name, Supplier<Model> graph) {
    Path file = pkg.toAbsolutePath().resolveSibling(name);
    return Files.isRegularFile(file) ? file : write(graph.get(), file);
  }

  /**
   * @return a tiny random BERT (2 layers, width 32) on MiniLM's tokenizer with all four task types,
   *     exported, in a temporary folder removed when the JVM exits
   */
  public static Path tinyPackage() {
    BertConfig config =
        new BertConfig(
            EncoderFamily.BERT,
            30522,
            32,
            2,
            2,
            64,
            Activation.GELU,
            512,
            2,
            1e-12,
            0,
            0.1,
            0.1,
            0.02);
    EncoderCheckpoint tiny =
        new EncoderCheckpoint(
            config,
            RandomWeights.of(config, false, SEED),
            PretrainedSource.ALL_MINILM_L6_V2.tokenizerJson(),
            "random tiny bert");
    List<TaskSpec> all = List.of(INTENT, TOPICS, SLOTS, NLI);
    return exportAll(writePackage(tiny, all, tempDir().resolve("tiny")));
  }

  /**
   * Writes a package: the checkpoint's encoder, seeded heads for the tasks, the manifest and the
   * tokenizer.
   *
   * @param checkpoint the encoder
   * @param tasks the heads
   * @param dir the package folder
   * @return the opened package (not exported yet)
   */
  public static ModelPackage writePackage(
      EncoderCheckpoint checkpoint, List<TaskSpec> tasks, Path dir) {
    Map<String, FloatTensor> weights = new LinkedHashMap<>(checkpoint.weights());
    weights.putAll(RandomWeights.heads(tasks, checkpoint.config().hiddenSize(), SEED));
    Manifest manifest =
        PackageWriter.manifest(
            checkpoint,
            tasks,
            Map.of("source", checkpoint.source(), "converter", "mtl4j benchmarks"));
    return PackageWriter.write(dir, manifest, weights, checkpoint.tokenizerJson());
  }

  /**
   * Exports the graph of some of a package's heads (manifest and tokenizer in its metadata, so the
   * file loads alone).
   *
   * @param pkg the package
   * @param tasks the heads to keep
   * @return the graph
   */
  public static Model graph(ModelPackage pkg, List<TaskSpec> tasks) {
    return PackageExporter.build(pkg, tasks);
  }

  /**
   * Writes a graph through {@link ModelFiles}, so a file inside a package gets its checksum.
   *
   * @param model a graph
   * @param file where to write it
   * @return the file
   */
  public static Path write(Model model, Path file) {
    ModelFiles.write(
        file.toAbsolutePath().getParent(),
        file.getFileName().toString(),
        staged -> OnnxWriter.write(model, staged));
    return file;
  }

  private static Path exportAll(ModelPackage pkg) {
    write(graph(pkg, pkg.manifest().tasks()), pkg.dir().resolve(ModelPackage.MODEL_ONNX));
    return pkg.dir();
  }

  /**
   * Brings the runtime's Java code (tokenization, tensors, decoding of every task type) to steady
   * state before measuring: with a model that takes milliseconds per call, a short warm-up runs
   * that code too few times for the JIT to compile it. Runs the tiny model, whose calls cost
   * microseconds, on the given texts.
   *
   * @param texts texts like the ones the benchmark measures
   * @param calls predictions to run
   */
  public static void warmJavaPaths(List<String> texts, int calls) {
    try (MtlModel tiny =
        MtlModel.load(tinyPackage(), RuntimeOptions.builder().optIntraOpThreads(1).build())) {
      for (int i = 0; i < calls; i++) {
        tiny.predict(texts.get(i % texts.size()));
      }
    }
  }

  /**
   * @return MiniLM's tokenizer, runtime's tokenizer front; close it
   */
  public static TextTokenizer tokenizer() {
    return TextTokenizer.create(
        PretrainedSource.ALL_MINILM_L6_V2.tokenizerJson(), 512, "all-minilm-l6-v2");
  }

  /**
   * @param tokenizer counts tokens
   * @param tokens wanted length in tokens, [CLS] and [SEP] included
   * @param seed word order seed
   * @return a text that tokenizes to exactly that many tokens
   */
  public static String text(TextTokenizer tokenizer, int tokens, long seed) {
    return Workloads.text(tokens, seed, t -> tokenizer.tokenize(t).length());
  }

  /**
   * @param tokens each text's length in tokens, [CLS] and [SEP] included
   * @param count texts wanted
   * @return texts of exactly that length on MiniLM's tokenizer, word orders seeded 1 to count
   */
  public static List<String> texts(int tokens, int count) {
    try (TextTokenizer tokenizer = tokenizer()) {
      return LongStream.rangeClosed(1, count)
          .mapToObj(seed -> text(tokenizer, tokens, seed))
          .toList();
    }
  }

  /**
   * @param model a package directory or an {@code .onnx} file with its manifest embedded
   * @param threads ONNX Runtime intra-op threads
   * @return the model loaded with the runtime's default options otherwise; close it
   */
  public static MtlModel load(Path model, int threads) {
    return MtlModel.load(model, RuntimeOptions.builder().optIntraOpThreads(threads).build());
  }

  /**
   * @return a temporary directory removed with its contents when the JVM exits
   */
  public static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("mtl4j-bench");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot remove " + dir + ": " + e.getMessage());
    }
  }
}

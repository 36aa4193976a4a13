package org.mtl4j.runtime;

import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntUnaryOperator;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ManifestJson;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TokenizerFacts;

/**
 * A loaded multi-task model: one ONNX Runtime session running the shared encoder and every head at
 * once, the package's tokenizer, and decoding per task type.
 *
 * <p>Thread-safe: any number of threads may call the {@code predict} methods at once; each call
 * runs its own batch. {@link #close()} waits for calls in flight and then releases the session and
 * the tokenizer (native memory); it is idempotent, and later calls fail with {@link
 * IllegalStateException}.
 */
public final class MtlModel implements AutoCloseable {

  private final String source;
  private final Manifest manifest;
  private final InferenceSession session;
  private final TextTokenizer tokenizer;
  private final BatchPacker packer;
  private final TaskSelector selector;
  private final RuntimeOptions options;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private MtlModel(
      String source,
      Manifest manifest,
      InferenceSession session,
      TextTokenizer tokenizer,
      BatchPacker packer,
      RuntimeOptions options) {
    this.source = source;
    this.manifest = manifest;
    this.session = session;
    this.tokenizer = tokenizer;
    this.packer = packer;
    this.selector = new TaskSelector(manifest);
    this.options = options;
  }

  /**
   * Loads with {@link RuntimeOptions#defaults()}.
   *
   * @param path a package directory or an exported {@code .onnx} file
   * @return the model
   * @throws ModelLoadException when the model cannot be loaded or breaks the contract
   */
  public static MtlModel load(Path path) {
    return load(path, RuntimeOptions.defaults());
  }

  /**
   * Loads a model and checks it: the checksums a package records (unless {@link
   * RuntimeOptions#verifyChecksums()} is off), the manifest (from {@code mtl.json} or the ONNX
   * metadata), the tokenizer, the inputs and outputs against the manifest, and that the tokenizer's
   * ids fit the encoder's vocabulary.
   *
   * @param path a package directory or an exported {@code .onnx} file
   * @param options how to run it
   * @return the model
   * @throws ModelLoadException when the model cannot be loaded or breaks the contract
   */
  public static MtlModel load(Path path, RuntimeOptions options) {
    ModelSource src = ModelSource.resolve(path, options.verifyChecksums());
    String where = src.onnx().toString();
    Optional<Manifest> manifestHint = src.manifest();
    if (manifestHint.isEmpty() && options.provider().kind() != ExecutionProvider.Kind.CPU) {
      try (InferenceSession meta = SessionFactory.openForMetadata(src.onnx())) {
        manifestHint = Optional.of(manifestFromMetadata(meta, where));
      }
    }
    int maxLength = manifestHint.map(m -> m.tokenizer().maxLength()).orElse(512);
    String family = manifestHint.map(m -> m.encoder().family()).orElse("");
    InferenceSession session = SessionFactory.open(src.onnx(), options, maxLength, family);
    TextTokenizer tokenizer = null;
    try {
      Manifest manifest =
          src.manifest().isPresent() ? src.manifest().get() : manifestFromMetadata(session, where);
      String tokenizerJson =
          src.tokenizerJson().isPresent()
              ? src.tokenizerJson().get()
              : metadata(session, Manifest.TOKENIZER_METADATA_KEY, where, "tokenizer");
      ModelContract.check(session.ortSession(), manifest, where);
      TokenizerFacts facts = facts(manifest, tokenizerJson, where);
      checkVocabulary(manifest, facts, where);
      tokenizer =
          TextTokenizer.create(
              tokenizerJson, manifest.tokenizer().maxLength(), "tokenizer of " + where);
      return new MtlModel(where, manifest, session, tokenizer, BatchPacker.of(facts), options);
    } catch (RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      session.close();
      throw e;
    }
  }

  private static TokenizerFacts facts(Manifest manifest, String tokenizerJson, String where) {
    try {
      return manifest.tokenizer().facts(() -> tokenizerJson, "tokenizer of " + where);
    } catch (ModelFormatException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  private static Manifest manifestFromMetadata(InferenceSession session, String where) {
    return ManifestJson.fromJson(
        metadata(session, Manifest.METADATA_KEY, where, "manifest"), where + " metadata");
  }

  private static String metadata(InferenceSession session, String key, String where, String what) {
    String value = session.metadata().get(key);
    if (value == null) {
      throw new ModelLoadException(
          where
              + " carries no mtl4j "
              + what
              + " (metadata_props key '"
              + key
              + "'); load a package directory or export the model with mtl export");
    }
    return value;
  }

  private static void checkVocabulary(Manifest manifest, TokenizerFacts facts, String where) {
    var vocab = manifest.encoder().config().get("vocab_size");
    if (vocab != null && vocab.canConvertToLong() && facts.idCount() > vocab.asLong()) {
      throw new ModelLoadException(
          where
              + ": the tokenizer emits ids up to "
              + (facts.idCount() - 1)
              + " but the encoder's vocabulary has "
              + vocab.asLong()
              + " entries (vocab_size); the tokenizer does not belong to this model");
    }
  }

  /**
   * @return the model's manifest
   */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * @return the execution provider in use (CPU after a fallback)
   */
  public ExecutionProvider.Kind provider() {
    return session.provider();
  }

  /**
   * Predicts every single-sentence task for a text.
   *
   * @param text the text
   * @return the results
   */
  public Prediction predict(String text) {
    return predict(ModelInput.of(text), List.of());
  }

  /**
   * Predicts for one input.
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for every task that reads this kind of input
   * @return the results
   * @throws InvalidRequestException for unknown or mismatched tasks
   */
  public Prediction predict(ModelInput input, Collection<String> tasks) {
    return run(List.of(tokenize(input, tasks))).get(0);
  }

  /**
   * Predicts for a batch in one ONNX Runtime run, padded to the batch's longest row.
   *
   * @param inputs texts and/or pairs
   * @param tasks task names, or empty for every task that reads each input's kind
   * @return one prediction per input, in order
   */
  public List<Prediction> predictBatch(List<ModelInput> inputs, Collection<String> tasks) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    List<TokenizedRequest> requests = new ArrayList<>(inputs.size());
    for (ModelInput input : inputs) {
      requests.add(tokenize(input, tasks));
    }
    return run(requests);
  }

  /**
   * Tokenizes an input and selects its tasks; the first half of a prediction, done on the caller's
   * thread by {@link MicroBatcher}.
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for the default
   * @return the request
   * @throws InvalidRequestException for unknown or mismatched tasks
   */
  public TokenizedRequest tokenize(ModelInput input, Collection<String> tasks) {
    return tokenize(input, tasks, false);
  }

  /**
   * Tokenizes an input and selects its tasks, optionally keeping the raw logits of its tasks in its
   * prediction ({@link Prediction#logits()}); decoded results are the same either way.
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for the default
   * @param keepLogits whether the prediction carries its tasks' raw logits
   * @return the request
   * @throws InvalidRequestException for unknown or mismatched tasks
   */
  public TokenizedRequest tokenize(ModelInput input, Collection<String> tasks, boolean keepLogits) {
    List<TaskSpec> selected = selector.select(input.isPair(), tasks);
    lifecycle.readLock().lock();
    try {
      checkOpen();
      TokenizedText encoded =
          input.isPair()
              ? tokenizer.tokenizePair(input.text(), input.textB())
              : tokenizer.tokenize(input.text());
      return new TokenizedRequest(
          selected, keepLogits, encoded, manifest.tokenizer().maxLength(), input.isPair());
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("model " + source + " is closed");
    }
  }

  /**
   * Runs encoded requests as one batch and decodes each request's tasks.
   *
   * @param requests requests made by {@link #tokenize} of this model
   * @return one prediction per request, in order
   * @throws InferenceException when ONNX Runtime fails
   * @throws IllegalStateException when the model is closed
   */
  public List<Prediction> run(List<TokenizedRequest> requests) {
    return run(requests, null);
  }

  /**
   * Runs encoded requests as one batch that can be stopped from another thread with {@code
   * runOptions.setTerminate(true)}; a stopped run throws {@link InferenceException}.
   *
   * @param requests requests made by {@link #tokenize} of this model
   * @param runOptions options of this run, or null
   * @return one prediction per request, in order
   */
  List<Prediction> run(List<TokenizedRequest> requests, OrtSession.RunOptions runOptions) {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      long started = System.nanoTime();
      int rows = 0;
      int sequence = 1;
      Set<String> outputs = new LinkedHashSet<>();
      for (TokenizedRequest r : requests) {
        rows += r.rows();
        sequence = Math.max(sequence, r.length());
        r.tasks().forEach(t -> outputs.add(t.outputName()));
      }
      Map<String, float[]> logits = infer(requests, sequence, outputs, runOptions);
      List<Prediction> out = decode(requests, logits, sequence);
      options.listener().batchRun(rows, sequence, System.nanoTime() - started);
      return out;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private Map<String, float[]> infer(
      List<TokenizedRequest> requests,
      int sequence,
      Set<String> outputs,
      OrtSession.RunOptions runOptions) {
    return session.run(pack(requests, sequence), outputs, runOptions);
  }

  /**
   * The padded inputs serving builds for a batch of requests, exactly as {@link #run} feeds them to
   * ONNX Runtime.
   *
   * @param requests requests made by {@link #tokenize} of this model
   * @return the packed batch
   */
  public PackedBatch pack(List<TokenizedRequest> requests) {
    return pack(
        requests,
        Math.max(1, requests.stream().mapToInt(TokenizedRequest::length).max().orElse(1)));
  }

  private PackedBatch pack(List<TokenizedRequest> requests, int sequence) {
    List<long[]> ids = new ArrayList<>();
    List<long[]> types = new ArrayList<>();
    for (TokenizedRequest r : requests) {
      for (int row = 0; row < r.rows(); row++) {
        ids.add(r.rowIds(row));
        types.add(r.rowTypes(row));
      }
    }
    return packer.pack(ids, types, 0, sequence);
  }

  private List<Prediction> decode(
      List<TokenizedRequest> requests, Map<String, float[]> logits, int sequence) {
    List<Prediction> out = new ArrayList<>(requests.size());
    int firstRow = 0;
    boolean padLeft = manifest.tokenizer().padLeft();
    for (TokenizedRequest r : requests) {
      Map<String, TaskResult> results = new LinkedHashMap<>();
      Map<String, float[]> kept = new LinkedHashMap<>();
      int base = firstRow;
      IntUnaryOperator padOffset = padLeft ? row -> sequence - r.rowIds(row).length : row -> 0;
      for (TaskSpec task : r.tasks()) {
        float[] values = logits.get(task.outputName());
        int classes = task.labels().size();
        TaskResult result =
            switch (task.type()) {
              case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
                  Decoding.classification(task, values, base * classes);
              case MULTI_LABEL_CLASSIFICATION ->
                  Decoding.multiLabel(task, values, base * classes, options.multiLabelThreshold());
              case NER -> Decoding.tagging(task, r, values, base, sequence, padOffset);
            };
        results.put(task.name(), result);
        if (r.keepLogits()) {
          kept.put(
              task.name(),
              task.type().tokenLevel()
                  ? Decoding.wordLogits(task, r, values, base, sequence, padOffset)
                  : Arrays.copyOfRange(values, base * classes, (base + 1) * classes));
        }
      }
      out.add(new Prediction(results, kept));
      firstRow += r.rows();
    }
    return out;
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      tokenizer.close();
      session.close();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "MtlModel["
        + source
        + ", tasks="
        + manifest.tasks().stream().map(TaskSpec::name).toList()
        + "]";
  }
}

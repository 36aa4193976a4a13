package org.mtl4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntUnaryOperator;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ManifestJson;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * A loaded multi-task model: one ONNX Runtime session running the shared encoder and every
 * head at once, the package's tokenizer, and decoding per task type.
 *
 * <p>Thread-safe: any number of threads may call the {@code predict} methods at once; each call
 * runs its own batch. {@link #close()} waits for calls in flight and then releases the session
 * and the tokenizer (native memory); it is idempotent, and later calls fail with {@link
 * IllegalStateException}.
 */
public final class MtlModel implements AutoCloseable {

  private final String source;
  private final Manifest manifest;
  private final SessionHandle session;
  private final TextEncoder encoder;
  private final TaskSelector selector;
  private final RuntimeOptions options;
  private final boolean tokenTypes;
  private final long padId;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private MtlModel(
      String source,
      Manifest manifest,
      SessionHandle session,
      TextEncoder encoder,
      RuntimeOptions options,
      boolean tokenTypes,
      long padId) {
    this.source = source;
    this.manifest = manifest;
    this.session = session;
    this.encoder = encoder;
    this.selector = new TaskSelector(manifest);
    this.options = options;
    this.tokenTypes = tokenTypes;
    this.padId = padId;
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
   * RuntimeOptions#verifyChecksums()} is off), the manifest (from {@code mtl.json} or the ONNX metadata), the
   * tokenizer, the inputs and outputs against the manifest, and that the tokenizer's ids fit
   * the encoder's vocabulary.
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
      try (SessionHandle meta = SessionFactory.openForMetadata(src.onnx())) {
        manifestHint = Optional.of(manifestFromMetadata(meta.session(), where));
      }
    }
    int maxLength = manifestHint.map(m -> m.tokenizer().maxLength()).orElse(512);
    String family = manifestHint.map(m -> m.encoder().family()).orElse("");
    SessionHandle session = SessionFactory.open(src.onnx(), options, maxLength, family);
    TextEncoder encoder = null;
    try {
      Manifest manifest =
          src.manifest().isPresent() ? src.manifest().get() : manifestFromMetadata(session.session(), where);
      String tokenizerJson =
          src.tokenizerJson().isPresent()
              ? src.tokenizerJson().get()
              : metadata(session.session(), Manifest.TOKENIZER_METADATA_KEY, where, "tokenizer");
      boolean tokenTypes = ModelContract.check(session.session(), manifest, where);
      TokenizerFacts facts = TokenizerFacts.parse(tokenizerJson, "tokenizer of " + where);
      checkVocabulary(manifest, facts, where);
      encoder = TextEncoder.create(tokenizerJson, manifest.tokenizer().maxLength(), "tokenizer of " + where);
      return new MtlModel(where, manifest, session, encoder, options, tokenTypes, facts.padId());
    } catch (RuntimeException e) {
      if (encoder != null) {
        encoder.close();
      }
      session.close();
      throw e;
    }
  }

  private static Manifest manifestFromMetadata(OrtSession session, String where) {
    return ManifestJson.fromJson(
        metadata(session, Manifest.METADATA_KEY, where, "manifest"), where + " metadata");
  }

  private static String metadata(OrtSession session, String key, String where, String what) {
    try {
      return session
          .getMetadata()
          .getCustomMetadataValue(key)
          .orElseThrow(
              () -> new ModelLoadException(
                  where + " carries no mtl4j " + what + " (metadata_props key '" + key
                      + "'); load a package directory or export the model with mtl export"));
    } catch (OrtException e) {
      throw new ModelLoadException("cannot read metadata of " + where + ": " + e.getMessage(), e);
    }
  }

  private static void checkVocabulary(Manifest manifest, TokenizerFacts facts, String where) {
    var vocab = manifest.encoder().config().get("vocab_size");
    if (vocab != null && vocab.canConvertToLong() && facts.idCount() > vocab.asLong()) {
      throw new ModelLoadException(
          where + ": the tokenizer emits ids up to " + (facts.idCount() - 1)
              + " but the encoder's vocabulary has " + vocab.asLong()
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
    return run(List.of(encode(input, tasks))).get(0);
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
    List<EncodedRequest> requests = new ArrayList<>(inputs.size());
    for (ModelInput input : inputs) {
      requests.add(encode(input, tasks));
    }
    return run(requests);
  }

  /**
   * Tokenizes an input and selects its tasks; the first half of a prediction, done on the
   * caller's thread by {@link MicroBatcher}.
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for the default
   * @return the request
   * @throws InvalidRequestException for unknown or mismatched tasks
   */
  public EncodedRequest encode(ModelInput input, Collection<String> tasks) {
    List<TaskSpec> selected = selector.select(input.isPair(), tasks);
    lifecycle.readLock().lock();
    try {
      checkOpen();
      EncodedText encoded =
          input.isPair() ? encoder.encodePair(input.text(), input.textB()) : encoder.encode(input.text());
      return new EncodedRequest(selected, encoded, manifest.tokenizer().maxLength(), input.isPair());
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
   * @param requests requests made by {@link #encode} of this model
   * @return one prediction per request, in order
   * @throws InferenceException when ONNX Runtime fails
   * @throws IllegalStateException when the model is closed
   */
  public List<Prediction> run(List<EncodedRequest> requests) {
    return run(requests, null);
  }

  /**
   * Runs encoded requests as one batch that can be stopped from another thread with {@code
   * runOptions.setTerminate(true)}; a stopped run throws {@link InferenceException}.
   *
   * @param requests requests made by {@link #encode} of this model
   * @param runOptions options of this run, or null
   * @return one prediction per request, in order
   */
  List<Prediction> run(List<EncodedRequest> requests, OrtSession.RunOptions runOptions) {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      long started = System.nanoTime();
      int rows = 0;
      int sequence = 1;
      Set<String> outputs = new LinkedHashSet<>();
      for (EncodedRequest r : requests) {
        rows += r.rows();
        sequence = Math.max(sequence, r.length());
        r.tasks().forEach(t -> outputs.add(t.outputName()));
      }
      Map<String, float[]> logits = infer(requests, rows, sequence, outputs, runOptions);
      List<Prediction> out = decode(requests, logits, sequence);
      options.listener().batchRun(rows, sequence, System.nanoTime() - started);
      return out;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private Map<String, float[]> infer(
      List<EncodedRequest> requests,
      int rows,
      int sequence,
      Set<String> outputs,
      OrtSession.RunOptions runOptions) {
    int size = rows * sequence;
    LongBuffer ids = direct(size);
    LongBuffer mask = direct(size);
    LongBuffer types = tokenTypes ? direct(size) : null;
    for (EncodedRequest r : requests) {
      for (int row = 0; row < r.rows(); row++) {
        long[] rowIds = r.rowIds(row);
        long[] rowTypes = r.rowTypes(row);
        int pad = sequence - rowIds.length;
        if (manifest.tokenizer().padLeft()) {
          fill(ids, mask, types, pad, padId);
        }
        ids.put(rowIds);
        for (int i = 0; i < rowIds.length; i++) {
          mask.put(1L);
        }
        if (types != null) {
          types.put(rowTypes);
        }
        if (!manifest.tokenizer().padLeft()) {
          fill(ids, mask, types, pad, padId);
        }
      }
    }
    long[] shape = {rows, sequence};
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(ModelContract.INPUT_IDS, OnnxTensor.createTensor(env, ids.flip(), shape));
      inputs.put(ModelContract.ATTENTION_MASK, OnnxTensor.createTensor(env, mask.flip(), shape));
      if (types != null) {
        inputs.put(ModelContract.TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, types.flip(), shape));
      }
      try (OrtSession.Result result =
          runOptions == null
              ? session.session().run(inputs, outputs)
              : session.session().run(inputs, outputs, runOptions)) {
        Map<String, float[]> out = new HashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
          float[] values = new float[buffer.remaining()];
          buffer.get(values);
          out.put(e.getKey(), values);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new InferenceException(
          "ONNX Runtime failed on " + source + " for a batch of " + rows + " x " + sequence
              + " tokens: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static LongBuffer direct(int size) {
    return ByteBuffer.allocateDirect(size * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  private static void fill(LongBuffer ids, LongBuffer mask, LongBuffer types, int n, long padId) {
    for (int i = 0; i < n; i++) {
      ids.put(padId);
      mask.put(0L);
      if (types != null) {
        types.put(0L);
      }
    }
  }

  private List<Prediction> decode(
      List<EncodedRequest> requests, Map<String, float[]> logits, int sequence) {
    List<Prediction> out = new ArrayList<>(requests.size());
    int firstRow = 0;
    boolean padLeft = manifest.tokenizer().padLeft();
    for (EncodedRequest r : requests) {
      Map<String, TaskResult> results = new LinkedHashMap<>();
      int base = firstRow;
      IntUnaryOperator padOffset =
          padLeft ? row -> sequence - r.rowIds(row).length : row -> 0;
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
      }
      out.add(new Prediction(results));
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
      encoder.close();
      session.close();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "MtlModel[" + source + ", tasks=" + manifest.tasks().stream().map(TaskSpec::name).toList() + "]";
  }
}

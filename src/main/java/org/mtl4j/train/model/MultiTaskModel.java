package org.mtl4j.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.encoder.EncoderBlocks;
import org.mtl4j.train.heads.EncodedBatch;
import org.mtl4j.train.heads.Heads;
import org.mtl4j.train.heads.TaskHead;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.ParameterKind;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * One shared encoder and one head per task on DJL's PyTorch engine. A forward pass runs the encoder
 * once and every requested head on its output.
 *
 * <p>Parameters are named as in {@code weights.safetensors}: the encoder under its HuggingFace
 * names, heads under {@code heads.<task>.*}. Owns an {@link NDManager} holding every parameter;
 * {@link #close()} releases it and may be called more than once.
 */
public final class MultiTaskModel implements AutoCloseable {

  private final NDManager manager;
  private final EncoderBlock encoder;
  private final Map<String, TaskHead> heads = new LinkedHashMap<>();
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();
  private final Map<String, Boolean> decayed = new LinkedHashMap<>();
  private boolean closed;

  private MultiTaskModel(
      EncoderConfig config, List<TaskSpec> tasks, Map<String, FloatTensor> weights, String source) {
    manager = NDManager.newBaseManager("PyTorch");
    try {
      encoder = EncoderBlocks.withWeights(config, weights, manager, source);
      for (ParameterSpec spec : encoder.parameterSpecs()) {
        parameters.put(spec.name(), encoder.parameter(spec.name()).getArray());
        decayed.put(spec.name(), decays(spec.kind()));
      }
      for (TaskSpec task : tasks) {
        TaskHead head = Heads.create(task, config.hiddenSize(), weights, manager, source);
        heads.put(task.name(), head);
        head.parameters()
            .forEach(
                (name, array) -> {
                  parameters.put(name, array);
                  decayed.put(name, name.endsWith(".weight"));
                });
      }
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * A model with stored weights for the encoder and every head.
   *
   * @param config the encoder config
   * @param tasks the tasks, in output order
   * @param weights encoder tensors by HuggingFace name and {@code heads.<task>.*}
   * @param source where the weights came from, for messages
   * @return the model; close it when done
   */
  public static MultiTaskModel of(
      EncoderConfig config, List<TaskSpec> tasks, Map<String, FloatTensor> weights, String source) {
    return new MultiTaskModel(config, tasks, weights, source);
  }

  /**
   * A model whose encoder starts from the given weights and whose heads are freshly initialised.
   *
   * @param config the encoder config
   * @param tasks the tasks, in output order
   * @param encoderWeights encoder tensors by HuggingFace name
   * @param seed seeds the heads' initial weights
   * @param source where the encoder weights came from
   * @return the model; close it when done
   */
  public static MultiTaskModel withNewHeads(
      EncoderConfig config,
      List<TaskSpec> tasks,
      Map<String, FloatTensor> encoderWeights,
      long seed,
      String source) {
    Map<String, FloatTensor> all = new LinkedHashMap<>(encoderWeights);
    for (TaskSpec task : tasks) {
      all.putAll(Heads.initialWeights(task, config.hiddenSize(), seed));
    }
    return new MultiTaskModel(config, tasks, all, source);
  }

  /**
   * @param config the encoder config
   * @param tasks the tasks
   * @param file a safetensors file written by {@link #save(Path)}
   * @return the model; close it when done
   */
  public static MultiTaskModel load(EncoderConfig config, List<TaskSpec> tasks, Path file) {
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      return of(config, tasks, reader.readAll(), file.toString());
    }
  }

  /**
   * @return the shared encoder
   */
  public EncoderBlock encoder() {
    return encoder;
  }

  /**
   * @return the heads' tasks, in output order
   */
  public List<TaskSpec> tasks() {
    return heads.values().stream().map(TaskHead::spec).toList();
  }

  /**
   * @return the manager owning the parameters; batches may be created on sub-managers of it
   */
  public NDManager manager() {
    return manager;
  }

  /**
   * @return every parameter array by package name, encoder first
   */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /**
   * @param name a parameter's package name
   * @return true when AdamW applies weight decay to it (not to biases and layer norms)
   */
  public boolean decays(String name) {
    return decayed.get(name);
  }

  /**
   * Runs the encoder once and the named heads on its output.
   *
   * @param inputs the encoder's inputs ({@link EncoderBlock#inputNames()})
   * @param tasks the heads to run
   * @param training whether dropout is active
   * @return logits by task name, in the order asked
   */
  public Map<String, NDArray> forward(NDList inputs, Collection<String> tasks, boolean training) {
    NDList out = encoder.forward(new ParameterStore(manager, false), inputs, training);
    EncodedBatch encoded = new EncodedBatch(encoder, out);
    Map<String, NDArray> logits = new LinkedHashMap<>();
    for (String task : tasks) {
      TaskHead head = heads.get(task);
      if (head == null) {
        throw new IllegalArgumentException(
            "no head for task '" + task + "'; heads are " + heads.keySet());
      }
      logits.put(task, head.logits(encoded, training));
    }
    return logits;
  }

  /**
   * Every output of an eval-mode pass: {@code last_hidden_state}, then {@code <task>.logits} of
   * every head, as the exported graph names them.
   *
   * @param inputs the encoder's inputs
   * @return outputs by name
   */
  public Map<String, NDArray> outputs(NDList inputs) {
    NDList out = encoder.forward(new ParameterStore(manager, false), inputs, false);
    EncodedBatch encoded = new EncodedBatch(encoder, out);
    Map<String, NDArray> named = new LinkedHashMap<>();
    named.put(OnnxContract.LAST_HIDDEN_STATE, encoded.sequence());
    heads.forEach((task, head) -> named.put(head.spec().outputName(), head.logits(encoded, false)));
    return named;
  }

  /**
   * @return a copy of every parameter's current value, by package name
   */
  public Map<String, FloatTensor> snapshot() {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    parameters.forEach(
        (name, array) ->
            out.put(name, new FloatTensor(array.getShape().getShape(), array.toFloatArray())));
    return out;
  }

  /**
   * Writes every parameter to a safetensors file, atomically.
   *
   * @param file the file
   */
  public void save(Path file) {
    SafeTensorsWriter.write(file, snapshot());
  }

  private static boolean decays(ParameterKind kind) {
    return switch (kind) {
      case EMBEDDING, LINEAR_WEIGHT, OTHER -> true;
      case LINEAR_BIAS, NORM_WEIGHT, NORM_BIAS -> false;
    };
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }
}

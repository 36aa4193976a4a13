package org.mtl4j.serve;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;

/**
 * The models a server answers for, by name, in the order given. Owns them; {@link #close()} closes
 * every one.
 */
public final class ServedModels implements AutoCloseable {
  private final Map<String, ServedModel> byName;

  private ServedModels(Map<String, ServedModel> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Loads every model; should one fail, those already loaded are closed.
   *
   * @param sources model name to package directory or {@code .onnx} file
   * @param batcher micro-batching of each model
   * @param runtime the runtime options of a model, given the listener of its figures
   * @param listeners the listener of a model's figures, given its name
   * @return the loaded models
   */
  public static ServedModels load(
      Map<String, Path> sources,
      BatcherOptions batcher,
      Function<InferenceListener, RuntimeOptions> runtime,
      Function<String, InferenceListener> listeners) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no model to serve");
    }
    Map<String, ServedModel> loaded = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Path> e : sources.entrySet()) {
        InferenceListener listener = listeners.apply(e.getKey());
        MtlModel model = MtlModel.load(e.getValue(), runtime.apply(listener));
        try {
          loaded.put(
              e.getKey(), new ServedModel(e.getKey(), e.getValue(), model, batcher, listener));
        } catch (RuntimeException failure) {
          model.close();
          throw failure;
        }
      }
    } catch (RuntimeException failure) {
      loaded.values().forEach(ServedModel::close);
      throw failure;
    }
    return new ServedModels(loaded);
  }

  /**
   * The name a model is served under when none is given: the package folder's name, or the {@code
   * .onnx} file's name without its extension.
   *
   * @param source a package directory or {@code .onnx} file
   * @return the name
   */
  public static String defaultName(Path source) {
    String file = source.toAbsolutePath().normalize().getFileName().toString();
    return file.toLowerCase(Locale.ROOT).endsWith(".onnx")
        ? file.substring(0, file.length() - ".onnx".length())
        : file;
  }

  /**
   * @param name a model name
   * @return the model
   * @throws ServeException 404 when no model has that name
   */
  public ServedModel get(String name) {
    ServedModel model = byName.get(name);
    if (model == null) {
      throw new ServeException(404, "unknown model '" + name + "'; serving " + byName.keySet());
    }
    return model;
  }

  /**
   * @param name a model name
   * @param version a version of it, or null or empty for the default
   * @return the model
   * @throws ServeException 404 when no model has that name or it has no such version
   */
  public ServedModel get(String name, String version) {
    ServedModel model = get(name);
    model.checkVersion(version);
    return model;
  }

  /**
   * The model a request that names none is for.
   *
   * @param name the name given, or null
   * @return the named model, or the only one
   * @throws ServeException 400 when no name is given and several models are served, 404 for an
   *     unknown name
   */
  public ServedModel getOrOnly(String name) {
    if (name != null) {
      return get(name);
    }
    if (byName.size() != 1) {
      throw ServeException.badRequest(
          "several models are served; name one with \"model\": one of " + byName.keySet());
    }
    return byName.values().iterator().next();
  }

  /**
   * @return the models, in the order given
   */
  public Collection<ServedModel> all() {
    return byName.values();
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (ServedModel model : byName.values()) {
      try {
        model.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

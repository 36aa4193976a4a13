package org.mtl4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.runtime.ModelInput;

/**
 * A checked Open Inference Protocol inference request, the same for REST and gRPC: a BYTES tensor
 * {@code text} of shape {@code [n]} (or {@code [n, 1]}), an optional {@code text_b} of the same
 * shape that makes every row a pair, and the outputs asked for.
 *
 * @param id the request's id, echoed in the response, or empty
 * @param inputs one input per row
 * @param outputs output names asked for, or empty for every output of the predicted tasks
 */
public record InferRequest(String id, List<ModelInput> inputs, List<String> outputs) {

  /** The input tensor holding the texts. */
  public static final String TEXT = "text";

  /** The optional input tensor holding the second texts of pairs. */
  public static final String TEXT_B = "text_b";

  /** The only input datatype. */
  public static final String BYTES = "BYTES";

  /** Copies the lists. */
  public InferRequest {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Checks the tensors of a request.
   *
   * @param id the request's id, or null
   * @param tensors the input tensors as they arrived
   * @param outputs output names asked for
   * @param maxInputs the most rows allowed
   * @return the request
   * @throws ServeException 400 naming the tensor and what is wrong with it
   */
  public static InferRequest of(
      String id, List<InputTensor> tensors, List<String> outputs, int maxInputs) {
    Map<String, InputTensor> byName = new LinkedHashMap<>();
    for (InputTensor t : tensors) {
      if (!t.name().equals(TEXT) && !t.name().equals(TEXT_B)) {
        throw ServeException.badRequest(
            "unknown input '"
                + t.name()
                + "'; inputs are '"
                + TEXT
                + "' and optional '"
                + TEXT_B
                + "', both BYTES of shape [n]");
      }
      if (byName.put(t.name(), t) != null) {
        throw ServeException.badRequest("input '" + t.name() + "' is given twice");
      }
    }
    InputTensor text = byName.get(TEXT);
    if (text == null) {
      throw ServeException.badRequest("input '" + TEXT + "' (BYTES of shape [n]) is missing");
    }
    List<String> a = rows(text, maxInputs);
    InputTensor second = byName.get(TEXT_B);
    List<String> b = second == null ? null : rows(second, maxInputs);
    if (b != null && b.size() != a.size()) {
      throw ServeException.badRequest(
          "input '" + TEXT_B + "' has " + b.size() + " rows but '" + TEXT + "' has " + a.size());
    }
    List<ModelInput> inputs = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      inputs.add(b == null ? ModelInput.of(a.get(i)) : ModelInput.pair(a.get(i), b.get(i)));
    }
    return new InferRequest(id == null ? "" : id, inputs, outputs);
  }

  private static List<String> rows(InputTensor t, int maxInputs) {
    if (!BYTES.equals(t.datatype())) {
      throw ServeException.badRequest(
          "input '" + t.name() + "' has datatype " + t.datatype() + "; it must be " + BYTES);
    }
    List<Long> shape = t.shape();
    boolean column = shape.size() == 2 && shape.get(1) == 1;
    if (shape.isEmpty() || shape.size() > 2 || (shape.size() == 2 && !column) || shape.get(0) < 1) {
      throw ServeException.badRequest(
          "input '" + t.name() + "' has shape " + shape + "; it must be [n] or [n, 1] with n >= 1");
    }
    long n = shape.get(0);
    if (n > maxInputs) {
      throw ServeException.badRequest(n + " inputs in one request; the limit is " + maxInputs);
    }
    if (t.strings() == null || t.strings().size() != n) {
      throw ServeException.badRequest(
          "input '"
              + t.name()
              + "' has shape "
              + shape
              + " but "
              + (t.strings() == null ? 0 : t.strings().size())
              + " elements");
    }
    return t.strings();
  }
}

package org.mtl4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.runtime.ModelInput;

/**
 * A request of the JSON API, {@code POST /v1/predict}: {@code {"texts": [...]}} or {@code {"pairs":
 * [[a, b], ...]}}, optional {@code "tasks": [...]} and, when several models are served, {@code
 * "model": name}.
 *
 * @param model the model named, or null
 * @param inputs the texts or pairs, at least one
 * @param tasks task names, or empty for every task that reads the inputs' kind
 */
public record PredictRequest(String model, List<ModelInput> inputs, List<String> tasks) {

  /** Copies the lists. */
  public PredictRequest {
    inputs = List.copyOf(inputs);
    tasks = List.copyOf(tasks);
  }

  /**
   * Parses a request body.
   *
   * @param body the body's bytes (UTF-8 JSON)
   * @param maxInputs the most texts or pairs allowed
   * @return the request
   * @throws ServeException 400 naming what is wrong with the body
   */
  public static PredictRequest parse(byte[] body, int maxInputs) {
    JsonNode request = Json.readObject(body, "a JSON object with \"texts\" or \"pairs\"");
    JsonNode texts = request.get("texts");
    JsonNode pairs = request.get("pairs");
    if ((texts == null) == (pairs == null)) {
      throw ServeException.badRequest("give exactly one of \"texts\" and \"pairs\"");
    }
    String field = texts != null ? "texts" : "pairs";
    JsonNode list = texts != null ? texts : pairs;
    if (!list.isArray() || list.isEmpty()) {
      throw ServeException.badRequest("\"" + field + "\" must be a non-empty array");
    }
    if (list.size() > maxInputs) {
      throw ServeException.badRequest(
          list.size() + " inputs in one request; the limit is " + maxInputs);
    }
    List<ModelInput> inputs = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (texts != null) {
        if (!item.isTextual()) {
          throw ServeException.badRequest("\"texts\"[" + i + "] must be a string");
        }
        inputs.add(ModelInput.of(item.asText()));
      } else {
        if (!item.isArray()
            || item.size() != 2
            || !item.get(0).isTextual()
            || !item.get(1).isTextual()) {
          throw ServeException.badRequest("\"pairs\"[" + i + "] must be [\"text a\", \"text b\"]");
        }
        inputs.add(ModelInput.pair(item.get(0).asText(), item.get(1).asText()));
      }
    }
    return new PredictRequest(
        Json.optionalText(request, "model"), inputs, Json.stringList(request, "tasks"));
  }
}

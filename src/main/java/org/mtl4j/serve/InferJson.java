package org.mtl4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Open Inference Protocol's REST JSON form of inference requests and responses ({@code POST
 * /v2/models/{name}/infer}): {@code {"id", "inputs": [{"name", "datatype", "shape", "data"}],
 * "outputs": [{"name"}]}} in, {@code {"model_name", "model_version", "id", "outputs": [{"name",
 * "datatype", "shape", "data"}]}} out, {@code data} flattened in row-major order.
 */
public final class InferJson {

  private InferJson() {}

  /**
   * Parses and checks a request body.
   *
   * @param body the body's bytes (UTF-8 JSON)
   * @param maxInputs the most rows allowed
   * @return the request
   * @throws ServeException 400 naming what is wrong with the body
   */
  public static InferRequest parseRequest(byte[] body, int maxInputs) {
    JsonNode request = Json.readObject(body, "a JSON object with \"inputs\"");
    JsonNode inputs = request.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw ServeException.badRequest("\"inputs\" must be an array of tensors");
    }
    List<InputTensor> tensors = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      tensors.add(tensor(inputs.get(i), "inputs[" + i + "]"));
    }
    List<String> outputs = new ArrayList<>();
    JsonNode requested = request.get("outputs");
    if (requested != null && !requested.isNull()) {
      if (!requested.isArray()) {
        throw ServeException.badRequest("\"outputs\" must be an array of {\"name\": ...}");
      }
      for (int i = 0; i < requested.size(); i++) {
        JsonNode o = requested.get(i);
        String name = o.isObject() ? Json.optionalText(o, "name") : null;
        if (name == null) {
          throw ServeException.badRequest("\"outputs\"[" + i + "] must be {\"name\": ...}");
        }
        outputs.add(name);
      }
    }
    return InferRequest.of(Json.optionalText(request, "id"), tensors, outputs, maxInputs);
  }

  private static InputTensor tensor(JsonNode node, String where) {
    if (!node.isObject()) {
      throw ServeException.badRequest(where + " must be an object");
    }
    String name = Json.optionalText(node, "name");
    String datatype = Json.optionalText(node, "datatype");
    if (name == null || datatype == null) {
      throw ServeException.badRequest(where + " needs \"name\" and \"datatype\"");
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw ServeException.badRequest("input '" + name + "' needs \"shape\", an array of integers");
    }
    List<Long> shape = new ArrayList<>();
    for (JsonNode d : shapeNode) {
      if (!d.canConvertToLong() || !d.isIntegralNumber()) {
        throw ServeException.badRequest(
            "input '" + name + "' has a shape that is not all integers: " + shapeNode);
      }
      shape.add(d.asLong());
    }
    JsonNode data = node.get("data");
    if (data == null || !data.isArray()) {
      throw ServeException.badRequest("input '" + name + "' needs \"data\", an array");
    }
    if (!InferRequest.BYTES.equals(datatype)) {
      return new InputTensor(name, datatype, shape, null);
    }
    List<String> strings = new ArrayList<>();
    flatten(data, name, strings);
    return new InputTensor(name, datatype, shape, strings);
  }

  private static void flatten(JsonNode data, String name, List<String> into) {
    for (JsonNode item : data) {
      if (item.isArray()) {
        flatten(item, name, into);
      } else if (item.isTextual()) {
        into.add(item.asText());
      } else {
        throw ServeException.badRequest(
            "input '"
                + name
                + "' is BYTES but holds "
                + item.getNodeType()
                + " element "
                + item
                + "; give strings");
      }
    }
  }

  /**
   * @param model the model's name
   * @param version the model's version
   * @param id the request's id, or empty
   * @param outputs the output tensors
   * @return the response body
   */
  public static byte[] response(
      String model, String version, String id, List<OutputTensor> outputs) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model_name", model);
    root.put("model_version", version);
    if (!id.isEmpty()) {
      root.put("id", id);
    }
    ArrayNode list = root.putArray("outputs");
    for (OutputTensor t : outputs) {
      ObjectNode o = list.addObject();
      o.put("name", t.name());
      o.put("datatype", t.datatype());
      ArrayNode shape = o.putArray("shape");
      t.shape().forEach(shape::add);
      ArrayNode data = o.putArray("data");
      if (t.strings() != null) {
        t.strings().forEach(data::add);
      } else {
        for (float f : t.floats()) {
          data.add(f);
        }
      }
    }
    return Json.write(root);
  }
}

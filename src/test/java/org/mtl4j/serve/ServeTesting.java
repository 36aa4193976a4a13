package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.MultiLabelResult;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.serve.oip.grpc.InferTensorContents;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;
import org.mtl4j.serve.oip.grpc.ModelInferResponse;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;

/** Servers, real clients and the expected answers of the server tests. */
final class ServeTesting {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One HTTP client for every test: HTTP/1.1 so that each call is plain and observable. */
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private ServeTesting() {}

  /** A tiny package with every fixture task (classification, multi-label, tagging, pair). */
  static Path tinyPackage(Path dir, long seed) {
    return new TinyModel(seed, FixtureTasks.ALL, MiniLmModel.VOCAB, true).writePackage(dir, 32);
  }

  static RuntimeOptions runtime(org.mtl4j.runtime.InferenceListener listener) {
    return RuntimeOptions.builder().optIntraOpThreads(1).optListener(listener).build();
  }

  static ServerOptions options(
      int maxBodyBytes, int maxInputs, Duration readTimeout, boolean accessLog) {
    return new ServerOptions(
        "127.0.0.1",
        0,
        maxBodyBytes,
        maxInputs,
        readTimeout,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        new BatcherOptions(32, Duration.ofMillis(1), 4096, Duration.ofSeconds(10), 1),
        accessLog);
  }

  static ModelServer start(Map<String, Path> models, ServerOptions options) {
    return ModelServer.start(models, options, ServeTesting::runtime);
  }

  static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** An OIP REST body with texts (and second texts when {@code textB} is non-null). */
  static String inferJson(List<String> texts, List<String> textB, List<String> outputs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "req-1");
    ArrayNode inputs = root.putArray("inputs");
    tensorJson(inputs.addObject(), InferRequest.TEXT, texts);
    if (textB != null) {
      tensorJson(inputs.addObject(), InferRequest.TEXT_B, textB);
    }
    if (!outputs.isEmpty()) {
      ArrayNode out = root.putArray("outputs");
      outputs.forEach(o -> out.addObject().put("name", o));
    }
    return root.toString();
  }

  private static void tensorJson(ObjectNode t, String name, List<String> values) {
    t.put("name", name).put("datatype", "BYTES");
    t.putArray("shape").add(values.size());
    ArrayNode data = t.putArray("data");
    values.forEach(data::add);
  }

  /** An OIP gRPC request with BYTES contents, or raw length-prefixed contents. */
  static ModelInferRequest inferProto(
      String model, List<String> texts, List<String> textB, List<String> outputs, boolean raw) {
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(model).setId("req-1");
    addTensor(b, InferRequest.TEXT, texts, raw);
    if (textB != null) {
      addTensor(b, InferRequest.TEXT_B, textB, raw);
    }
    outputs.forEach(
        o -> b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(o)));
    return b.build();
  }

  private static void addTensor(
      ModelInferRequest.Builder b, String name, List<String> values, boolean raw) {
    ModelInferRequest.InferInputTensor.Builder t =
        ModelInferRequest.InferInputTensor.newBuilder()
            .setName(name)
            .setDatatype("BYTES")
            .addShape(values.size());
    if (raw) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      for (String v : values) {
        byte[] utf8 = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.writeBytes(
            java.nio.ByteBuffer.allocate(4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(utf8.length)
                .array());
        bytes.writeBytes(utf8);
      }
      b.addRawInputContents(ByteString.copyFrom(bytes.toByteArray()));
    } else {
      InferTensorContents.Builder c = InferTensorContents.newBuilder();
      values.forEach(v -> c.addBytesContents(ByteString.copyFromUtf8(v)));
      t.setContents(c);
    }
    b.addInputs(t);
  }

  /** Output name to {shape, datatype, data} of a REST response. */
  static ObjectNode outputs(JsonNode response) {
    ObjectNode out = JSON.createObjectNode();
    for (JsonNode o : response.get("outputs")) {
      ObjectNode one = out.putObject(o.get("name").asText());
      one.put("datatype", o.get("datatype").asText());
      one.set("shape", o.get("shape"));
      one.set("data", o.get("data"));
    }
    return out;
  }

  /** Output name to {shape, datatype, data} of a gRPC response. */
  static ObjectNode outputs(ModelInferResponse response) {
    ObjectNode out = JSON.createObjectNode();
    for (ModelInferResponse.InferOutputTensor o : response.getOutputsList()) {
      ObjectNode one = out.putObject(o.getName());
      one.put("datatype", o.getDatatype());
      ArrayNode shape = one.putArray("shape");
      o.getShapeList().forEach(shape::add);
      ArrayNode data = one.putArray("data");
      o.getContents().getBytesContentsList().forEach(b -> data.add(b.toStringUtf8()));
      o.getContents().getFp32ContentsList().forEach(data::add);
    }
    return out;
  }

  /**
   * What the protocol must answer for in-process predictions, built from the typed results field by
   * field.
   */
  static ObjectNode expectedOutputs(Manifest manifest, List<Prediction> predictions) {
    ObjectNode out = JSON.createObjectNode();
    int n = predictions.size();
    for (TaskSpec task : manifest.tasks()) {
      if (!predictions.get(0).results().containsKey(task.name())) {
        continue;
      }
      switch (task.type()) {
        case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION -> {
          ArrayNode label = expected(out, task.name() + ".label", "BYTES", n);
          ArrayNode score = expected(out, task.name() + ".score", "FP32", n);
          ArrayNode probs =
              expected(out, task.name() + ".probabilities", "FP32", n, task.labels().size());
          for (Prediction p : predictions) {
            ClassificationResult r = p.get(task.name(), ClassificationResult.class);
            label.add(r.label());
            score.add((float) r.score());
            task.labels().forEach(l -> probs.add(r.probabilities().get(l).floatValue()));
          }
        }
        case MULTI_LABEL_CLASSIFICATION -> {
          ArrayNode labels = expected(out, task.name() + ".labels", "BYTES", n);
          predictions.forEach(
              p ->
                  labels.add(
                      JSON.valueToTree(p.get(task.name(), MultiLabelResult.class).labels())
                          .toString()));
        }
        case NER -> {
          ArrayNode entities = expected(out, task.name() + ".entities", "BYTES", n);
          ArrayNode tags = expected(out, task.name() + ".tags", "BYTES", n);
          for (Prediction p : predictions) {
            TaggingResult r = p.get(task.name(), TaggingResult.class);
            entities.add(JSON.valueToTree(r.entities()).toString());
            tags.add(JSON.valueToTree(r.tags()).toString());
          }
        }
      }
    }
    return out;
  }

  private static ArrayNode expected(ObjectNode out, String name, String datatype, long... shape) {
    ObjectNode one = out.putObject(name);
    one.put("datatype", datatype);
    ArrayNode s = one.putArray("shape");
    for (long d : shape) {
      s.add(d);
    }
    return one.putArray("data");
  }

  /**
   * Asserts two JSON values equal, numbers within 1e-5 (batches of other sizes may round the last
   * bits differently); strings that hold JSON (the BYTES outputs) are compared parsed.
   */
  static void assertSameAnswer(JsonNode actual, JsonNode expected, String where) {
    if (expected.isNumber()) {
      assertThat(actual.isNumber()).as(where + ": " + actual).isTrue();
      assertThat(actual.asDouble())
          .as(where)
          .isCloseTo(expected.asDouble(), org.assertj.core.data.Offset.offset(1e-5));
    } else if (expected.isTextual()
        && (expected.asText().startsWith("[") || expected.asText().startsWith("{"))) {
      assertThat(actual.isTextual()).as(where).isTrue();
      try {
        assertSameAnswer(JSON.readTree(actual.asText()), JSON.readTree(expected.asText()), where);
      } catch (java.io.IOException e) {
        throw new AssertionError(where + ": not JSON: " + actual.asText(), e);
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(where + ": " + actual).isTrue();
      assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSameAnswer(actual.get(i), expected.get(i), where + "[" + i + "]");
      }
    } else if (expected.isObject()) {
      assertThat(actual.isObject()).as(where + ": " + actual).isTrue();
      assertThat(iterable(actual.fieldNames()))
          .as(where + " fields")
          .containsExactlyElementsOf(iterable(expected.fieldNames()));
      expected
          .fieldNames()
          .forEachRemaining(f -> assertSameAnswer(actual.get(f), expected.get(f), where + "." + f));
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}

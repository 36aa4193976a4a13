package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.serve.ServeTesting.JSON;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.serve.oip.grpc.GRPCInferenceServiceGrpc;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;
import org.mtl4j.serve.oip.grpc.ModelMetadataRequest;

/**
 * Clients that misbehave get a clear 4xx/5xx (or, for a stalled body, an answer and a closed
 * connection after the read timeout), and the server keeps answering well-behaved clients.
 */
class ModelServerAbuseTest {

  static final long READ_TIMEOUT_MS = 2000;

  @TempDir static Path dir;
  static ModelServer server;
  static ManagedChannel channel;
  static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc;

  @BeforeAll
  static void start() {
    Path tiny = ServeTesting.tinyPackage(dir.resolve("tiny"), 9);
    server =
        ServeTesting.start(
            Map.of("tiny", tiny),
            ServeTesting.options(4096, 4, Duration.ofMillis(READ_TIMEOUT_MS), false));
    channel = ServeTesting.channel(server.port());
    grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    server.close();
  }

  static void assertError(HttpResponse<String> response, int status, String... message)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
  }

  static void assertStillServing() throws Exception {
    HttpResponse<String> ok =
        ServeTesting.post(
            server.port(),
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(List.of("still here"), null, List.of("intent.label")));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
  }

  /**
   * The head and (Content-Length) body of one HTTP/1.1 response, or what came before the stream
   * ended.
   */
  static byte[] readResponse(InputStream in) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      out.write(b);
      String head = out.toString(StandardCharsets.ISO_8859_1);
      if (head.endsWith("\r\n\r\n")) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (m.find()) {
          out.write(in.readNBytes(Integer.parseInt(m.group(1))));
        }
        break;
      }
    }
    return out.toByteArray();
  }

  static String infer(String datatype, String shape, String data) {
    return "{\"inputs\": [{\"name\": \"text\", \"datatype\": \""
        + datatype
        + "\", \"shape\": "
        + shape
        + ", \"data\": "
        + data
        + "}]}";
  }

  @Test
  void stalledBodyIsCutOffAfterTheReadTimeoutWhileOthersAreServed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/models/tiny/infer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 200\r\n\r\n{\"inputs\": [")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.nanoTime();
      assertStillServing();
      String answer = new String(readResponse(socket.getInputStream()), StandardCharsets.UTF_8);
      long waitedMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(waitedMs)
          .as("cut off no earlier than the read timeout")
          .isGreaterThanOrEqualTo(READ_TIMEOUT_MS - 100);
      assertThat(answer)
          .startsWith("HTTP/1.1 408")
          .contains("read timeout of " + READ_TIMEOUT_MS + " ms");
    }
    assertStillServing();
  }

  @Test
  void oversizedBodiesAreRefusedOnEveryProtocol() throws Exception {
    String big = "x".repeat(5000);
    assertError(
        ServeTesting.post(
            server.port(),
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(List.of(big), null, List.of())),
        413,
        "request body exceeds 4096 bytes");
    assertError(
        ServeTesting.post(server.port(), "/v1/predict", "{\"texts\": [\"" + big + "\"]}"),
        413,
        "request body exceeds 4096 bytes");
    assertThatThrownBy(
            () ->
                grpc.modelInfer(
                    ServeTesting.inferProto("tiny", List.of(big), null, List.of(), false)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .as(e.getStatus().toString())
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    assertStillServing();
  }

  @Test
  void malformedJsonWrongDatatypesAndShapesAreBadRequests() throws Exception {
    int port = server.port();
    assertError(
        ServeTesting.post(port, "/v2/models/tiny/infer", "{\"inputs\": [}"),
        400,
        "body is not JSON",
        "line 1");
    assertError(
        ServeTesting.post(port, "/v2/models/tiny/infer", "[1, 2]"),
        400,
        "body must be a JSON object");
    assertError(
        ServeTesting.post(port, "/v2/models/tiny/infer", "{} trailing"), 400, "body is not JSON");
    assertError(
        ServeTesting.post(port, "/v2/models/tiny/infer", infer("FP32", "[2]", "[1.0, 2.0]")),
        400,
        "input 'text' has datatype FP32; it must be BYTES");
    assertError(
        ServeTesting.post(
            port, "/v2/models/tiny/infer", infer("BYTES", "[2]", "[\"a\", \"b\", \"c\"]")),
        400,
        "input 'text' has shape [2] but 3 elements");
    assertError(
        ServeTesting.post(
            port, "/v2/models/tiny/infer", infer("BYTES", "[1, 2]", "[[\"a\", \"b\"]]")),
        400,
        "has shape [1, 2]; it must be [n] or [n, 1]");
    assertError(
        ServeTesting.post(port, "/v2/models/tiny/infer", infer("BYTES", "[2]", "[\"a\", 7]")),
        400,
        "input 'text' is BYTES but holds NUMBER element 7");
    assertError(
        ServeTesting.post(
            port,
            "/v2/models/tiny/infer",
            infer("BYTES", "[5]", "[\"a\",\"b\",\"c\",\"d\",\"e\"]")),
        400,
        "5 inputs in one request; the limit is 4");
    assertError(
        ServeTesting.post(
            port,
            "/v2/models/tiny/infer",
            "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]}]}"),
        400,
        "unknown input 'image'");
    assertError(
        ServeTesting.post(port, "/v1/predict", "{\"texts\": \"not a list\"}"),
        400,
        "\"texts\" must be a non-empty array");

    ModelInferRequest fp32 =
        ModelInferRequest.newBuilder()
            .setModelName("tiny")
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("text")
                    .setDatatype("FP32")
                    .addShape(1))
            .build();
    assertThatThrownBy(() -> grpc.modelInfer(fp32))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .contains("input 'text' has datatype FP32; it must be BYTES");
            });
    ModelInferRequest truncated =
        ServeTesting.inferProto("tiny", List.of("abc"), null, List.of(), true).toBuilder()
            .setRawInputContents(
                0, com.google.protobuf.ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'a'}))
            .build();
    assertThatThrownBy(() -> grpc.modelInfer(truncated))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getDescription())
                    .contains("announce 9 bytes but 1 remain"));
    assertStillServing();
  }

  @Test
  void unknownModelsTasksAndOutputsAreNamed() throws Exception {
    int port = server.port();
    assertError(
        ServeTesting.post(
            port, "/v2/models/nope/infer", ServeTesting.inferJson(List.of("a"), null, List.of())),
        404,
        "unknown model 'nope'; serving [tiny]");
    assertError(
        ServeTesting.post(port, "/v1/predict", "{\"model\": \"nope\", \"texts\": [\"a\"]}"),
        404,
        "unknown model 'nope'");
    assertError(
        ServeTesting.post(port, "/v1/predict", "{\"texts\": [\"a\"], \"tasks\": [\"nope\"]}"),
        400,
        "unknown task 'nope'");
    assertError(
        ServeTesting.post(
            port,
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(List.of("a"), null, List.of("nope.label"))),
        400,
        "unknown output 'nope.label'",
        "intent.label");
    assertError(
        ServeTesting.post(
            port,
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(List.of("a"), null, List.of("nli.label"))),
        400,
        "nli");
    for (String output : List.of("nope.logits", "intent.logit")) {
      assertError(
          ServeTesting.post(
              port,
              "/v2/models/tiny/infer",
              ServeTesting.inferJson(List.of("a"), null, List.of(output))),
          400,
          "unknown output '" + output + "'",
          "intent.logits");
    }
    assertError(
        ServeTesting.post(
            port,
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(List.of("a"), null, List.of("nli.logits"))),
        400,
        "task 'nli' reads a sentence pair");
    for (String path : List.of("/v2/models/tiny/versions/2", "/v2/models/tiny/versions/2/ready")) {
      assertError(
          ServeTesting.get(port, path),
          404,
          "model 'tiny' has no version '2'; its versions are [1]");
    }
    assertError(
        ServeTesting.post(
            port,
            "/v2/models/tiny/versions/2/infer",
            ServeTesting.inferJson(List.of("a"), null, List.of())),
        404,
        "model 'tiny' has no version '2'");
    assertError(ServeTesting.get(port, "/v2/models/nope/versions/1"), 404, "unknown model 'nope'");
    assertThatThrownBy(
            () ->
                grpc.modelInfer(
                    ServeTesting.inferProto("tiny", List.of("a"), null, List.of(), false)
                        .toBuilder()
                        .setModelVersion("2")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("has no version '2'");
            });
    assertThatThrownBy(
            () ->
                grpc.modelMetadata(
                    ModelMetadataRequest.newBuilder().setName("tiny").setVersion("2").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertError(ServeTesting.get(port, "/v3/anything"), 404, "no such path: /v3/anything");
    assertThatThrownBy(
            () ->
                grpc.modelInfer(
                    ServeTesting.inferProto("nope", List.of("a"), null, List.of(), false)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("unknown model 'nope'");
            });
    assertThatThrownBy(
            () ->
                grpc.modelInfer(
                    ServeTesting.inferProto(
                        "tiny", List.of("a"), null, List.of("intent.nope"), false)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getDescription())
                    .contains("unknown output 'intent.nope'"));
    assertStillServing();
  }
}

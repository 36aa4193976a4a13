package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;

/** The request parsers as pure functions: bytes in, a request or a 400 naming the fault out. */
class RequestParsingTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertBadRequest(Runnable parse, String message) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            ServeException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void predictRequests() {
    PredictRequest texts =
        PredictRequest.parse(
            utf8("{\"texts\": [\"a\", \"b\"], \"tasks\": [\"intent\"], \"model\": \"m\"}"), 4);
    assertThat(texts)
        .isEqualTo(
            new PredictRequest(
                "m", List.of(ModelInput.of("a"), ModelInput.of("b")), List.of("intent")));
    PredictRequest pairs = PredictRequest.parse(utf8("{\"pairs\": [[\"a\", \"b\"]]}"), 4);
    assertThat(pairs.inputs()).containsExactly(ModelInput.pair("a", "b"));
    assertThat(pairs.model()).isNull();
    assertBadRequest(
        () -> PredictRequest.parse(utf8("{\"texts\": [\"a\", 1]}"), 4),
        "\"texts\"[1] must be a string");
    assertBadRequest(
        () -> PredictRequest.parse(utf8("{\"texts\": []}"), 4), "must be a non-empty array");
    assertBadRequest(
        () -> PredictRequest.parse(utf8("{\"texts\": [\"a\"], \"tasks\": \"intent\"}"), 4),
        "\"tasks\" must be an array");
    assertBadRequest(
        () -> PredictRequest.parse(utf8("{\"texts\": [\"a\"], \"model\": 3}"), 4),
        "\"model\" must be a string");
    assertBadRequest(
        () -> PredictRequest.parse(new byte[] {(byte) 0xff, 0x00}, 4), "body is not JSON");
    assertBadRequest(() -> PredictRequest.parse(new byte[0], 4), "body must be a JSON object");
  }

  @Test
  void restInferRequests() {
    InferRequest request =
        InferJson.parseRequest(
            utf8(
                "{\"id\": \"7\", \"inputs\": ["
                    + "{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [2, 1], \"data\": [[\"a\"], [\"b\"]]},"
                    + "{\"name\": \"text_b\", \"datatype\": \"BYTES\", \"shape\": [2], \"data\": [\"c\", \"d\"]}],"
                    + "\"outputs\": [{\"name\": \"nli.label\"}]}"),
            4);
    assertThat(request)
        .isEqualTo(
            new InferRequest(
                "7",
                List.of(ModelInput.pair("a", "c"), ModelInput.pair("b", "d")),
                List.of("nli.label")));
    assertBadRequest(
        () -> InferJson.parseRequest(utf8("{\"inputs\": {}}"), 4), "\"inputs\" must be an array");
    assertBadRequest(
        () -> InferJson.parseRequest(utf8("{\"inputs\": []}"), 4),
        "input 'text' (BYTES of shape [n]) is missing");
    assertBadRequest(
        () ->
            InferJson.parseRequest(
                utf8(
                    "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1.5], \"data\": [\"a\"]}]}"),
                4),
        "shape that is not all integers");
    assertBadRequest(
        () ->
            InferJson.parseRequest(
                utf8(
                    "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]},"
                        + "{\"name\": \"text_b\", \"datatype\": \"BYTES\", \"shape\": [2], \"data\": [\"a\", \"b\"]}]}"),
                4),
        "input 'text_b' has 2 rows but 'text' has 1");
    assertBadRequest(
        () ->
            InferJson.parseRequest(
                utf8(
                    "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [0], \"data\": []}]}"),
                4),
        "it must be [n] or [n, 1] with n >= 1");
    assertBadRequest(
        () ->
            InferJson.parseRequest(
                utf8(
                    "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]},"
                        + "{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]}]}"),
                4),
        "input 'text' is given twice");
    assertBadRequest(
        () ->
            InferJson.parseRequest(
                utf8(
                    "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]}], \"outputs\": [\"x\"]}"),
                4),
        "\"outputs\"[0] must be {\"name\": ...}");
  }

  @Test
  void grpcInferRequests() {
    ModelInferRequest raw = ServeTesting.inferProto("m", List.of("é", ""), null, List.of(), true);
    assertThat(InferProto.request(raw, 4).inputs())
        .containsExactly(ModelInput.of("é"), ModelInput.of(""));
    ModelInferRequest both =
        raw.toBuilder()
            .setInputs(
                0,
                raw.getInputs(0).toBuilder()
                    .setContents(
                        org.mtl4j.serve.oip.grpc.InferTensorContents.newBuilder()
                            .addBytesContents(ByteString.copyFromUtf8("x"))))
            .build();
    assertBadRequest(
        () -> InferProto.request(both, 4), "has contents although raw_input_contents is used");
    ModelInferRequest notUtf8 =
        raw.toBuilder()
            .setRawInputContents(0, ByteString.copyFrom(new byte[] {1, 0, 0, 0, (byte) 0xC3}))
            .build();
    assertBadRequest(() -> InferProto.request(notUtf8, 4), "not UTF-8");
    ModelInferRequest shortPrefix =
        raw.toBuilder().setRawInputContents(0, ByteString.copyFrom(new byte[] {1, 0})).build();
    assertBadRequest(() -> InferProto.request(shortPrefix, 4), "end inside a length prefix");
    assertBadRequest(
        () ->
            InferProto.request(
                ServeTesting.inferProto("m", List.of("a", "b", "c"), null, List.of(), false), 2),
        "3 inputs in one request; the limit is 2");
  }
}

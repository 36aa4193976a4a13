package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the JSON request bodies of {@code serve}: every body goes to both JSON parsers, {@link
 * PredictRequest#parse} ({@code POST /v1/predict}) and {@link InferJson#parseRequest} ({@code POST
 * /v2/models/{name}/infer}); each either gives a request with 1 to {@value #MAX_INPUTS} inputs or
 * refuses the body with a 400 {@link ServeException} saying what is wrong; nothing else escapes.
 */
class ServeJsonBodyFuzzTest {

  private static final int MAX_INPUTS = 8;

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void parsesOrRefusesClearly(byte[] body) {
    try {
      PredictRequest request = PredictRequest.parse(body, MAX_INPUTS);
      assertThat(request.inputs()).hasSizeBetween(1, MAX_INPUTS).doesNotContainNull();
      assertThat(request.tasks()).doesNotContainNull();
    } catch (ServeException e) {
      assertRefusedClearly(e);
    }
    try {
      InferRequest request = InferJson.parseRequest(body, MAX_INPUTS);
      assertThat(request.inputs()).hasSizeBetween(1, MAX_INPUTS).doesNotContainNull();
      assertThat(request.outputs()).doesNotContainNull();
      assertThat(request.id()).isNotNull();
    } catch (ServeException e) {
      assertRefusedClearly(e);
    }
  }

  static void assertRefusedClearly(ServeException e) {
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isNotBlank();
  }
}

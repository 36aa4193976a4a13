package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;

/**
 * Fuzzes the gRPC inference requests of {@code serve}: any bytes that decode as a {@code
 * ModelInferRequest} (gRPC itself refuses the others) either give a request with 1 to {@value
 * #MAX_INPUTS} inputs from {@link InferProto#request} or are refused with a 400 {@link
 * ServeException} saying what is wrong; nothing else escapes.
 */
class InferProtoFuzzTest {

  private static final int MAX_INPUTS = 8;

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void checksOrRefusesClearly(byte[] message) {
    ModelInferRequest decoded;
    try {
      decoded = ModelInferRequest.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      return;
    }
    try {
      InferRequest request = InferProto.request(decoded, MAX_INPUTS);
      assertThat(request.inputs()).hasSizeBetween(1, MAX_INPUTS).doesNotContainNull();
      assertThat(request.outputs()).doesNotContainNull();
    } catch (ServeException e) {
      ServeJsonBodyFuzzTest.assertRefusedClearly(e);
    }
  }
}

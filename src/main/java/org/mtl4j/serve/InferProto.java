package org.mtl4j.serve;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.serve.oip.grpc.InferTensorContents;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;
import org.mtl4j.serve.oip.grpc.ModelInferResponse;

/**
 * The Open Inference Protocol's gRPC form of inference requests and responses. BYTES inputs are
 * read from {@code contents.bytes_contents} or from {@code raw_input_contents} (each element a
 * 4-byte little-endian length and its bytes, as Triton's clients send them).
 */
public final class InferProto {

  private InferProto() {}

  /**
   * Checks a gRPC request.
   *
   * @param request the request
   * @param maxInputs the most rows allowed
   * @return the request
   * @throws ServeException 400 naming what is wrong with it
   */
  public static InferRequest request(ModelInferRequest request, int maxInputs) {
    boolean raw = request.getRawInputContentsCount() > 0;
    if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
      throw ServeException.badRequest(
          "raw_input_contents has "
              + request.getRawInputContentsCount()
              + " entries for "
              + request.getInputsCount()
              + " inputs");
    }
    List<InputTensor> tensors = new ArrayList<>();
    for (int i = 0; i < request.getInputsCount(); i++) {
      ModelInferRequest.InferInputTensor t = request.getInputs(i);
      List<String> strings = null;
      if (InferRequest.BYTES.equals(t.getDatatype())) {
        if (raw && t.hasContents()) {
          throw ServeException.badRequest(
              "input '" + t.getName() + "' has contents although raw_input_contents is used");
        }
        strings =
            raw
                ? rawStrings(t.getName(), request.getRawInputContents(i))
                : strings(t.getName(), t.getContents());
      }
      tensors.add(new InputTensor(t.getName(), t.getDatatype(), t.getShapeList(), strings));
    }
    List<String> outputs =
        request.getOutputsList().stream()
            .map(ModelInferRequest.InferRequestedOutputTensor::getName)
            .toList();
    return InferRequest.of(request.getId(), tensors, outputs, maxInputs);
  }

  private static List<String> strings(String name, InferTensorContents contents) {
    List<String> out = new ArrayList<>(contents.getBytesContentsCount());
    for (ByteString b : contents.getBytesContentsList()) {
      out.add(utf8(name, b.asReadOnlyByteBuffer()));
    }
    return out;
  }

  private static List<String> rawStrings(String name, ByteString raw) {
    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<String> out = new ArrayList<>();
    while (buffer.hasRemaining()) {
      if (buffer.remaining() < Integer.BYTES) {
        throw ServeException.badRequest(
            "raw contents of input '" + name + "' end inside a length prefix");
      }
      int length = buffer.getInt();
      if (length < 0 || length > buffer.remaining()) {
        throw ServeException.badRequest(
            "raw contents of input '"
                + name
                + "' announce "
                + length
                + " bytes but "
                + buffer.remaining()
                + " remain");
      }
      ByteBuffer element = buffer.slice();
      element.limit(length);
      buffer.position(buffer.position() + length);
      out.add(utf8(name, element));
    }
    return out;
  }

  private static String utf8(String name, ByteBuffer bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw ServeException.badRequest("input '" + name + "' holds an element that is not UTF-8");
    }
  }

  /**
   * @param model the model's name
   * @param version the model's version
   * @param id the request's id, or empty
   * @param outputs the output tensors
   * @return the gRPC response
   */
  public static ModelInferResponse response(
      String model, String version, String id, List<OutputTensor> outputs) {
    ModelInferResponse.Builder response =
        ModelInferResponse.newBuilder().setModelName(model).setModelVersion(version).setId(id);
    for (OutputTensor t : outputs) {
      InferTensorContents.Builder contents = InferTensorContents.newBuilder();
      if (t.strings() != null) {
        t.strings().forEach(s -> contents.addBytesContents(ByteString.copyFromUtf8(s)));
      } else {
        for (float f : t.floats()) {
          contents.addFp32Contents(f);
        }
      }
      response.addOutputs(
          ModelInferResponse.InferOutputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype())
              .addAllShape(t.shape())
              .setContents(contents));
    }
    return response.build();
  }
}

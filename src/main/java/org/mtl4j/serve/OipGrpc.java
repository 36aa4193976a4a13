package org.mtl4j.serve;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.mtl4j.serve.oip.grpc.GRPCInferenceServiceGrpc;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;
import org.mtl4j.serve.oip.grpc.ModelInferResponse;
import org.mtl4j.serve.oip.grpc.ModelMetadataRequest;
import org.mtl4j.serve.oip.grpc.ModelMetadataResponse;
import org.mtl4j.serve.oip.grpc.ModelReadyRequest;
import org.mtl4j.serve.oip.grpc.ModelReadyResponse;
import org.mtl4j.serve.oip.grpc.ServerLiveRequest;
import org.mtl4j.serve.oip.grpc.ServerLiveResponse;
import org.mtl4j.serve.oip.grpc.ServerMetadataRequest;
import org.mtl4j.serve.oip.grpc.ServerMetadataResponse;
import org.mtl4j.serve.oip.grpc.ServerReadyRequest;
import org.mtl4j.serve.oip.grpc.ServerReadyResponse;

/**
 * The Open Inference Protocol over gRPC, {@code inference.GRPCInferenceService}: ServerLive,
 * ServerReady, ServerMetadata, ModelReady, ModelMetadata and ModelInfer ({@link InferProto}); a
 * request's model version, when given, must be one the model has. Errors carry the gRPC code of
 * their HTTP status ({@link ServeException#grpcStatus()}).
 */
final class OipGrpc extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
  private final ServedModels models;
  private final ServerOptions options;

  OipGrpc(ServedModels models, ServerOptions options) {
    this.models = models;
    this.options = options;
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
    reply(out, () -> ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
    reply(out, () -> ServerReadyResponse.newBuilder().setReady(true).build());
  }

  @Override
  public void serverMetadata(
      ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
    reply(out, () -> ServerMetadataResponse.newBuilder().setName(ModelServer.PLATFORM).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
    reply(
        out,
        () -> {
          models.get(request.getName(), request.getVersion());
          return ModelReadyResponse.newBuilder().setReady(true).build();
        });
  }

  @Override
  public void modelMetadata(
      ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
    reply(
        out,
        () -> {
          ServedModel model = models.get(request.getName(), request.getVersion());
          ModelMetadataResponse.Builder b =
              ModelMetadataResponse.newBuilder()
                  .setName(model.name())
                  .addAllVersions(model.versions())
                  .setPlatform(ModelServer.PLATFORM);
          TensorSpec.INPUTS.forEach(s -> b.addInputs(tensor(s)));
          TaskOutputs.specs(model.manifest()).forEach(s -> b.addOutputs(tensor(s)));
          return b.build();
        });
  }

  private static ModelMetadataResponse.TensorMetadata tensor(TensorSpec s) {
    return ModelMetadataResponse.TensorMetadata.newBuilder()
        .setName(s.name())
        .setDatatype(s.datatype())
        .addAllShape(s.shape())
        .build();
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
    try {
      ServedModel model = models.get(request.getModelName(), request.getModelVersion());
      InferRequest checked = InferProto.request(request, options.maxInputs());
      model
          .infer(checked)
          .whenComplete(
              (outputs, failure) -> {
                if (failure != null) {
                  out.onError(ServeException.of(failure).grpcStatus().asRuntimeException());
                } else {
                  out.onNext(
                      InferProto.response(
                          model.name(), ServedModel.VERSION, checked.id(), outputs));
                  out.onCompleted();
                }
              });
    } catch (RuntimeException e) {
      out.onError(ServeException.of(e).grpcStatus().asRuntimeException());
    }
  }

  private static <T> void reply(StreamObserver<T> out, Supplier<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (RuntimeException e) {
      out.onError(ServeException.of(e).grpcStatus().asRuntimeException());
      return;
    }
    out.onNext(value);
    out.onCompleted();
  }
}

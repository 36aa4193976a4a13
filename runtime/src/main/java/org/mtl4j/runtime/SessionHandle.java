package org.mtl4j.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * An ONNX Runtime session together with the options it was created from, which must outlive
 * it. Owns both; {@link #close()} is idempotent.
 *
 * @param session the session
 * @param options the options the session was created with
 * @param provider the provider actually in use (CPU after a fallback)
 */
record SessionHandle(OrtSession session, SessionOptions options, ExecutionProvider.Kind provider)
    implements AutoCloseable {

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close ONNX Runtime session", e);
    } finally {
      options.close();
    }
  }
}

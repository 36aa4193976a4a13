package org.mtl4j.bench.run;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * ONNX Runtime session options for the sessions a benchmark opens itself (raw runs, the
 * calibration graph): the settings {@code MtlModel} uses on CPU with spinning off.
 */
final class Sessions {

  private Sessions() {}

  /**
   * @param threads intra-op threads
   * @return fresh options; the caller closes them with the session
   * @throws OrtException when ONNX Runtime refuses a setting
   */
  static SessionOptions options(int threads) throws OrtException {
    SessionOptions so = new SessionOptions();
    so.setIntraOpNumThreads(threads);
    so.setInterOpNumThreads(1);
    so.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
    so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
    so.addConfigEntry("session.intra_op.allow_spinning", "0");
    so.addConfigEntry("session.inter_op.allow_spinning", "0");
    return so;
  }

  /**
   * @return ONNX Runtime's version, e.g. {@code 1.23.2}
   */
  static String ortVersion() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  /** Closes a session, then its options. */
  static void close(OrtSession session, SessionOptions options) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
    } finally {
      if (options != null) {
        options.close();
      }
    }
  }
}

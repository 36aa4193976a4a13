package org.mtl4j.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What an executor needs to find and load a model: where it is, the Hadoop settings to read it
 * with, and the ONNX Runtime threads per loaded model.
 *
 * @param location a local path, a file shipped with {@code --files}, or any Hadoop-compatible URI
 * @param hadoopConf the driver's Hadoop configuration entries
 * @param intraOpThreads ONNX Runtime threads inside one operator
 */
record ModelSpec(String location, Map<String, String> hadoopConf, int intraOpThreads)
    implements Serializable {

  /** Copies the configuration. */
  ModelSpec {
    hadoopConf = Map.copyOf(hadoopConf);
  }
}

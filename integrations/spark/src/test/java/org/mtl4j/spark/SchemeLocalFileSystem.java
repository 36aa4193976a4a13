package org.mtl4j.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under its own scheme, {@code mtltest:}, so that tests reach a model through
 * Hadoop's {@code FileSystem} API as they would on HDFS or S3.
 */
public final class SchemeLocalFileSystem extends RawLocalFileSystem {

  /** The scheme this file system serves. */
  static final String SCHEME = "mtltest";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}

package org.mtl4j.graph.io;

/**
 * How {@link OnnxWriter} stores a model's weights.
 *
 * @param external whether initializers of at least {@code sizeThreshold} bytes go to an
 *     external-data file beside the model
 * @param location the external-data file's name, relative to the model's folder; null for the
 *     model's file name plus {@code .data}
 * @param sizeThreshold initializers smaller than this stay inline even with external data
 * @param maxInlineBytes when the inline weights would pass this many bytes the writer switches to
 *     external data by itself; the default keeps a single protobuf under its 2 GiB limit
 */
public record WriteOptions(
    boolean external, String location, long sizeThreshold, long maxInlineBytes) {

  /** Protobuf's hard limit on one serialized message: 2 GiB - 1. */
  public static final long PROTOBUF_LIMIT = Integer.MAX_VALUE;

  /** Room left under {@link #PROTOBUF_LIMIT} for everything that is not weights. */
  public static final long STRUCTURE_HEADROOM = 64L << 20;

  /** ONNX's usual threshold: tensors under 1 KiB stay inline. */
  public static final long DEFAULT_SIZE_THRESHOLD = 1024;

  /** Offsets of tensors in the data file are multiples of this (the page size), for mmap. */
  public static final int ALIGNMENT = 4096;

  /** Checks the numbers and the location's form. */
  public WriteOptions {
    if (sizeThreshold < 0 || maxInlineBytes < 0) {
      throw new IllegalArgumentException("negative size in write options");
    }
    if (location != null) {
      ExternalLocations.requireSafe(location, "write options");
    }
  }

  /**
   * @return everything inline, unless the model would pass protobuf's 2 GiB limit
   */
  public static WriteOptions inline() {
    return new WriteOptions(
        false, null, DEFAULT_SIZE_THRESHOLD, PROTOBUF_LIMIT - STRUCTURE_HEADROOM);
  }

  /**
   * @return initializers of 1 KiB or more in {@code <model file>.data} beside the model
   */
  public static WriteOptions externalData() {
    return inline().withExternalData(true);
  }

  /**
   * @param useExternal whether to write external data
   * @return a copy with that choice
   */
  public WriteOptions withExternalData(boolean useExternal) {
    return new WriteOptions(useExternal, location, sizeThreshold, maxInlineBytes);
  }

  /**
   * @param fileName the external-data file, relative to the model's folder
   * @return a copy with that location
   */
  public WriteOptions withLocation(String fileName) {
    return new WriteOptions(external, fileName, sizeThreshold, maxInlineBytes);
  }

  /**
   * @param bytes initializers smaller than this stay inline
   * @return a copy with that threshold
   */
  public WriteOptions withSizeThreshold(long bytes) {
    return new WriteOptions(external, location, bytes, maxInlineBytes);
  }

  /**
   * @param bytes inline weights beyond this switch the writer to external data
   * @return a copy with that limit
   */
  public WriteOptions withMaxInlineBytes(long bytes) {
    return new WriteOptions(external, location, sizeThreshold, bytes);
  }
}

package org.mtl4j.zoo.safetensors;

import java.util.Arrays;
import java.util.Optional;

/** The element types of the safetensors format, with their sizes in bytes. */
public enum DType {
  /** IEEE binary64. */
  F64(8, false),
  /** IEEE binary32: written by this build, read exactly. */
  F32(4, true),
  /** IEEE binary16: read and widened to float. */
  F16(2, true),
  /** bfloat16: read and widened to float. */
  BF16(2, true),
  /** 8-bit float, e4m3. */
  F8_E4M3(1, false),
  /** 8-bit float, e5m2. */
  F8_E5M2(1, false),
  /** Signed 64-bit integer. */
  I64(8, false),
  /** Signed 32-bit integer. */
  I32(4, false),
  /** Signed 16-bit integer. */
  I16(2, false),
  /** Signed 8-bit integer. */
  I8(1, false),
  /** Unsigned 64-bit integer. */
  U64(8, false),
  /** Unsigned 32-bit integer. */
  U32(4, false),
  /** Unsigned 16-bit integer. */
  U16(2, false),
  /** Unsigned 8-bit integer. */
  U8(1, false),
  /** Boolean, one byte. */
  BOOL(1, false);

  private final int bytes;
  private final boolean floatReadable;

  DType(int bytes, boolean floatReadable) {
    this.bytes = bytes;
    this.floatReadable = floatReadable;
  }

  /**
   * @return bytes per element
   */
  public int bytes() {
    return bytes;
  }

  /**
   * @return true when {@link SafeTensorsReader#read(String)} converts this type to float
   */
  public boolean floatReadable() {
    return floatReadable;
  }

  /**
   * @param name a safetensors dtype string, e.g. {@code F32}
   * @return the type, if known
   */
  public static Optional<DType> find(String name) {
    return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
  }
}

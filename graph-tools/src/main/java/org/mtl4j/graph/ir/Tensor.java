package org.mtl4j.graph.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named constant tensor: an initializer, or the value of a tensor attribute. Fixed-width tensors
 * hold their bytes in a {@link TensorData} (shared, never copied by the IR); string tensors hold a
 * list of UTF-8 byte strings.
 *
 * <p>Immutable. The factories that take Java arrays copy them once into a little-endian buffer;
 * {@link #of(String, ElemType, long[], ByteBuffer)} wraps a buffer without copying.
 */
public final class Tensor {

  private final String name;
  private final ElemType elemType;
  private final long[] dims;
  private final TensorData data;
  private final List<byte[]> strings;

  private Tensor(
      String name, ElemType elemType, long[] dims, TensorData data, List<byte[]> strings) {
    this.name = Objects.requireNonNull(name, "name");
    this.elemType = Objects.requireNonNull(elemType, "elemType");
    this.dims = dims.clone();
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "tensor '" + name + "': negative dimension in " + Arrays.toString(dims));
      }
    }
    this.data = data;
    this.strings = strings;
    long count;
    try {
      count = elementCount();
      Math.multiplyExact(count, 64L); // the widest element's bits: byteSize(count) cannot overflow
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(dims)
              + " has more elements than a tensor can hold",
          e);
    }
    if (data != null && data.byteSize() != elemType.byteSize(count)) {
      throw new IllegalArgumentException(
          String.format(
              "tensor '%s': %s%s needs %d bytes, got %d",
              name,
              elemType.displayName(),
              Arrays.toString(dims),
              elemType.byteSize(count),
              data.byteSize()));
    }
    if (strings != null && strings.size() != count) {
      throw new IllegalArgumentException(
          String.format(
              "tensor '%s': shape %s needs %d strings, got %d",
              name, Arrays.toString(dims), count, strings.size()));
    }
  }

  /**
   * @param name the tensor's name
   * @param elemType a fixed-width element type
   * @param dims the shape
   * @param data the raw little-endian bytes, exactly as many as the shape needs
   * @return the tensor
   */
  public static Tensor of(String name, ElemType elemType, long[] dims, TensorData data) {
    if (!elemType.isFixedWidth()) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': " + elemType + " has no raw byte form");
    }
    return new Tensor(name, elemType, dims, Objects.requireNonNull(data, "data"), null);
  }

  /**
   * Wraps raw little-endian bytes without copying them.
   *
   * @param name the tensor's name
   * @param elemType a fixed-width element type
   * @param dims the shape
   * @param bytes the bytes from position to limit; must not change afterwards
   * @return the tensor
   */
  public static Tensor of(String name, ElemType elemType, long[] dims, ByteBuffer bytes) {
    return of(name, elemType, dims, TensorData.of(bytes));
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements in row-major order
   * @return a float tensor
   */
  public static Tensor floats(String name, long[] dims, float... values) {
    return floats(name, dims, FloatBuffer.wrap(values));
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements from position to limit, row-major
   * @return a float tensor holding a copy of the values
   */
  public static Tensor floats(String name, long[] dims, FloatBuffer values) {
    ByteBuffer bytes = allocate(ElemType.FLOAT, values.remaining());
    bytes.asFloatBuffer().put(values.duplicate());
    return of(name, ElemType.FLOAT, dims, bytes);
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements in row-major order
   * @return an int64 tensor
   */
  public static Tensor longs(String name, long[] dims, long... values) {
    return longs(name, dims, LongBuffer.wrap(values));
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements from position to limit, row-major
   * @return an int64 tensor holding a copy of the values
   */
  public static Tensor longs(String name, long[] dims, LongBuffer values) {
    ByteBuffer bytes = allocate(ElemType.INT64, values.remaining());
    bytes.asLongBuffer().put(values.duplicate());
    return of(name, ElemType.INT64, dims, bytes);
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements in row-major order
   * @return an int32 tensor
   */
  public static Tensor ints(String name, long[] dims, int... values) {
    return ints(name, dims, IntBuffer.wrap(values));
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements from position to limit, row-major
   * @return an int32 tensor holding a copy of the values
   */
  public static Tensor ints(String name, long[] dims, IntBuffer values) {
    ByteBuffer bytes = allocate(ElemType.INT32, values.remaining());
    bytes.asIntBuffer().put(values.duplicate());
    return of(name, ElemType.INT32, dims, bytes);
  }

  /**
   * @param name the tensor's name
   * @param value the value
   * @return a rank-0 float tensor
   */
  public static Tensor scalar(String name, float value) {
    return floats(name, new long[0], value);
  }

  /**
   * @param name the tensor's name
   * @param value the value
   * @return a rank-0 int64 tensor
   */
  public static Tensor scalar(String name, long value) {
    return longs(name, new long[0], value);
  }

  /**
   * @param name the tensor's name
   * @param dims the shape
   * @param values the elements as UTF-8 byte strings, row-major
   * @return a string tensor
   */
  public static Tensor strings(String name, long[] dims, List<byte[]> values) {
    return new Tensor(
        name, ElemType.STRING, dims, null, values.stream().map(byte[]::clone).toList());
  }

  /**
   * @param name the tensor's name
   * @param values the elements
   * @return a rank-1 string tensor
   */
  public static Tensor strings(String name, String... values) {
    return strings(
        name,
        new long[] {values.length},
        Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList());
  }

  /** A little-endian buffer for {@code count} elements of a fixed-width type. */
  private static ByteBuffer allocate(ElemType elemType, int count) {
    long size = elemType.byteSize(count);
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor of " + size + " bytes does not fit one buffer");
    }
    return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * @param newName the new name
   * @return the same tensor (data shared) under another name
   */
  public Tensor withName(String newName) {
    return new Tensor(newName, elemType, dims, data, strings);
  }

  /**
   * @param newDims a shape with the same element count
   * @return the same data under another shape
   */
  public Tensor reshaped(long... newDims) {
    return new Tensor(name, elemType, newDims, data, strings);
  }

  /**
   * @return the tensor's name (empty for an unnamed attribute tensor)
   */
  public String name() {
    return name;
  }

  /**
   * @return the element type
   */
  public ElemType elemType() {
    return elemType;
  }

  /**
   * @return a copy of the shape
   */
  public long[] dims() {
    return dims.clone();
  }

  /**
   * @return the rank
   */
  public int rank() {
    return dims.length;
  }

  /**
   * @return the number of elements (1 for a scalar)
   */
  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /**
   * @return bytes of data: raw bytes for fixed-width types, the sum of the string lengths for
   *     strings
   */
  public long byteSize() {
    if (strings != null) {
      return strings.stream().mapToLong(s -> s.length).sum();
    }
    return data.byteSize();
  }

  /**
   * @return whether this is a string tensor (no raw bytes; see {@link #stringValues()})
   */
  public boolean isString() {
    return strings != null;
  }

  /**
   * @return where the raw bytes live
   * @throws IllegalStateException for a string tensor
   */
  public TensorData data() {
    if (data == null) {
      throw new IllegalStateException("string tensor '" + name + "' has no raw bytes");
    }
    return data;
  }

  /**
   * @return the raw little-endian bytes as a read-only view (no copy)
   * @throws IllegalStateException for a string tensor
   */
  public ByteBuffer bytes() {
    return data().bytes();
  }

  /**
   * @return the elements of a string tensor as UTF-8 byte strings (copies)
   * @throws IllegalStateException when this is not a string tensor
   */
  public List<byte[]> stringValues() {
    if (strings == null) {
      throw new IllegalStateException("tensor '" + name + "' is " + elemType + ", not STRING");
    }
    return strings.stream().map(byte[]::clone).toList();
  }

  /**
   * @return the elements of a FLOAT tensor, copied
   */
  public float[] toFloatArray() {
    requireType(ElemType.FLOAT);
    float[] out = new float[(int) elementCount()];
    bytes().asFloatBuffer().get(out);
    return out;
  }

  /**
   * @return the elements of an INT64 tensor, copied
   */
  public long[] toLongArray() {
    requireType(ElemType.INT64);
    long[] out = new long[(int) elementCount()];
    bytes().asLongBuffer().get(out);
    return out;
  }

  /**
   * @return the elements of an INT32 tensor, copied
   */
  public int[] toIntArray() {
    requireType(ElemType.INT32);
    int[] out = new int[(int) elementCount()];
    bytes().asIntBuffer().get(out);
    return out;
  }

  private void requireType(ElemType expected) {
    if (elemType != expected) {
      throw new IllegalStateException("tensor '" + name + "' is " + elemType + ", not " + expected);
    }
  }

  /**
   * Tensors are equal when name, element type, shape and contents are equal (contents are compared
   * byte by byte, which reads external data).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tensor t)) {
      return false;
    }
    if (!name.equals(t.name) || elemType != t.elemType || !Arrays.equals(dims, t.dims)) {
      return false;
    }
    if (strings != null || t.strings != null) {
      return strings != null && t.strings != null && equalStrings(strings, t.strings);
    }
    return data == t.data || bytes().equals(t.bytes());
  }

  private static boolean equalStrings(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Hashes name, element type and shape only, so hashing never reads the data. */
  @Override
  public int hashCode() {
    return Objects.hash(name, elemType, Arrays.hashCode(dims));
  }

  @Override
  public String toString() {
    return name + ": " + elemType.displayName() + Arrays.toString(dims);
  }
}

package org.mtl4j.zoo.pkg;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;

/**
 * The recorded SHA-256 of a model file written into a package after it was sealed ({@code
 * model.onnx}, an optimized flavour, external data). While a new version is being renamed into
 * place the manifest holds both the current and the pending checksum, and a load accepts a file
 * that matches either; once it is in place the pending one becomes current.
 *
 * @param sha256 the checksum of the file in place, or null when none was in place yet
 * @param pending the checksum of the version being renamed into place, or null
 * @param partOf the model file this one belongs to (external data names its model), or null for a
 *     model file itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelFileChecksum(String sha256, String pending, String partOf) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates the values: lowercase hex SHA-256s, at least one of them. */
  public ModelFileChecksum {
    if (sha256 == null && pending == null) {
      throw new IllegalArgumentException("a model file checksum needs sha256 or pending");
    }
    for (String sum : new String[] {sha256, pending}) {
      if (sum != null && !HEX.matcher(sum).matches()) {
        throw new IllegalArgumentException("'" + sum + "' is not a lowercase hex SHA-256");
      }
    }
  }

  /**
   * @param sha256 a file's checksum
   * @return whether that is the current or the pending checksum
   */
  public boolean accepts(String sha256) {
    return sha256.equals(this.sha256) || sha256.equals(pending);
  }
}

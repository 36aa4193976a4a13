package org.mtl4j.bench.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.mtl4j.runtime.ModelInput;

/**
 * What a benchmark feeds the model: a cycle of calls, each one batch of inputs. The digest
 * identifies the exact inputs, so a baseline can refuse a run on another workload.
 *
 * @param description for people, e.g. {@code texts.jsonl (120 texts), batch 1}
 * @param batches the calls' inputs, in order; the runner cycles through them
 * @param digest SHA-256 over every input
 */
public record Workload(String description, List<List<ModelInput>> batches, String digest) {

  /** Copies and validates. */
  public Workload {
    batches = batches.stream().map(List::copyOf).toList();
    if (batches.isEmpty() || batches.stream().anyMatch(List::isEmpty)) {
      throw new BenchInputException("workload '" + description + "' has no inputs");
    }
  }

  /**
   * @param description for people
   * @param batches the calls' inputs
   * @return the workload with its digest
   */
  public static Workload of(String description, List<List<ModelInput>> batches) {
    return new Workload(description, batches, digest(batches));
  }

  /**
   * @return the number of inputs over all batches
   */
  public int inputs() {
    return batches.stream().mapToInt(List::size).sum();
  }

  private static String digest(List<List<ModelInput>> batches) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (List<ModelInput> batch : batches) {
        sha.update((byte) 2);
        for (ModelInput input : batch) {
          sha.update((byte) 0);
          sha.update(input.text().getBytes(StandardCharsets.UTF_8));
          if (input.isPair()) {
            sha.update((byte) 1);
            sha.update(input.textB().getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

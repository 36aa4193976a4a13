package org.mtl4j.train.data.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Makes the fragment-detection task's negatives deterministically: a fragment is a contiguous run
 * of an utterance's words, shorter than the utterance, that is not itself a whole utterance of the
 * same split.
 *
 * <p>The original library made fragments as the n-grams (up to three words) of a sample of the
 * sentences; here every utterance of two or more words gets one fragment with probability {@code
 * fraction}, of a random length and position, drawn from a {@link Random} seeded per split, so the
 * same input and seed always give the same fragments.
 */
public final class Fragments {

  private static final int ATTEMPTS = 8;

  private final double fraction;
  private final long seed;

  /**
   * @param fraction the share of utterances that get a fragment, in (0, 1]
   * @param seed the seed of the draws
   */
  public Fragments(double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fragment fraction must be in (0, 1], got " + fraction);
    }
    this.fraction = fraction;
    this.seed = seed;
  }

  /**
   * Draws the fragments of one split.
   *
   * @param utterances the split's utterances
   * @param salt distinguishes splits, so each split draws its own sequence
   * @return per utterance, its fragment's words, or an empty list when it gets none
   */
  public List<List<String>> of(List<Utterance> utterances, int salt) {
    Set<String> whole = new HashSet<>();
    for (Utterance u : utterances) {
      whole.add(u.text());
    }
    Random random = new Random(seed * 31 + salt);
    List<List<String>> fragments = new ArrayList<>(utterances.size());
    for (Utterance u : utterances) {
      fragments.add(
          random.nextDouble() < fraction ? fragment(u.words(), whole, random) : List.of());
    }
    return fragments;
  }

  private static List<String> fragment(List<String> words, Set<String> whole, Random random) {
    int n = words.size();
    if (n < 2) {
      return List.of();
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int length = 1 + random.nextInt(n - 1);
      int start = random.nextInt(n - length + 1);
      List<String> candidate = words.subList(start, start + length);
      if (!whole.contains(String.join(" ", candidate))) {
        return List.copyOf(candidate);
      }
    }
    return List.of();
  }
}

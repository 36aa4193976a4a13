package org.mtl4j.metrics.tagging;

import java.util.EnumSet;
import java.util.Set;

/**
 * A strict tagging scheme as seqeval 1.x defines it ({@code seqeval.scheme.IOB2}, {@code IOBES}):
 * which prefixes are allowed, which prefix pairs start an entity, continue it and end it. A token's
 * prefix is its first character; its type is the rest with leading and trailing hyphens stripped,
 * or {@code _} when nothing is left.
 */
public enum TagScheme {
  /** {@code B-} begins, {@code I-} of the same type continues, anything else ends. */
  IOB2(EnumSet.of(Prefix.I, Prefix.O, Prefix.B)) {
    @Override
    boolean isStart(Prefix prev, Prefix current, boolean sameType) {
      return current == Prefix.B;
    }

    @Override
    boolean isInside(Prefix prev, Prefix current, boolean sameType) {
      return sameType && (prev == Prefix.B || prev == Prefix.I) && current == Prefix.I;
    }

    @Override
    boolean isEnd(Prefix prev, Prefix current, boolean sameType) {
      return (prev == Prefix.B || prev == Prefix.I)
          && (current == Prefix.O || current == Prefix.B || (current == Prefix.I && !sameType));
    }
  },
  /**
   * {@code B-}/{@code S-} begin, {@code I-}/{@code E-} of the same type continue, and an entity
   * counts only if it closes with {@code E-} (or is a single {@code S-}).
   */
  IOBES(EnumSet.allOf(Prefix.class)) {
    @Override
    boolean isStart(Prefix prev, Prefix current, boolean sameType) {
      return current == Prefix.B || current == Prefix.S;
    }

    @Override
    boolean isInside(Prefix prev, Prefix current, boolean sameType) {
      return sameType
          && (prev == Prefix.B || prev == Prefix.I)
          && (current == Prefix.I || current == Prefix.E);
    }

    @Override
    boolean isEnd(Prefix prev, Prefix current, boolean sameType) {
      return prev == Prefix.S || prev == Prefix.E;
    }
  };

  /** The prefixes of a tag. */
  enum Prefix {
    I,
    O,
    B,
    E,
    S
  }

  private final Set<Prefix> allowed;

  TagScheme(Set<Prefix> allowed) {
    this.allowed = allowed;
  }

  /** seqeval's start patterns: whether an entity starts at {@code current}. */
  abstract boolean isStart(Prefix prev, Prefix current, boolean sameType);

  /** seqeval's inside patterns: whether {@code current} continues the entity {@code prev} is in. */
  abstract boolean isInside(Prefix prev, Prefix current, boolean sameType);

  /**
   * seqeval's end patterns: whether the entity that {@code prev} is in ends before {@code current}.
   */
  abstract boolean isEnd(Prefix prev, Prefix current, boolean sameType);

  /**
   * Parses a tag's prefix, rejecting one this scheme does not allow.
   *
   * @param tag the tag
   * @param where where the tag was found, for the message
   * @return its prefix
   * @throws IllegalArgumentException for an empty tag or a prefix this scheme does not allow
   */
  Prefix prefix(String tag, String where) {
    Prefix prefix =
        tag.isEmpty()
            ? null
            : switch (tag.charAt(0)) {
              case 'I' -> Prefix.I;
              case 'O' -> Prefix.O;
              case 'B' -> Prefix.B;
              case 'E' -> Prefix.E;
              case 'S' -> Prefix.S;
              default -> null;
            };
    if (prefix == null || !allowed.contains(prefix)) {
      throw new IllegalArgumentException(
          where
              + ": tag '"
              + tag
              + "' is not valid in the "
              + name()
              + " scheme (allowed prefixes "
              + allowed
              + ")");
    }
    return prefix;
  }

  /**
   * A tag's type as seqeval's {@code Token.tag}: everything after the prefix, hyphens stripped from
   * both ends, {@code _} when empty.
   *
   * @param tag the tag
   * @return its type
   */
  static String type(String tag) {
    int from = 1;
    int to = tag.length();
    while (from < to && tag.charAt(from) == '-') {
      from++;
    }
    while (to > from && tag.charAt(to - 1) == '-') {
      to--;
    }
    return from == to ? "_" : tag.substring(from, to);
  }
}

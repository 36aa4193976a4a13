package org.mtl4j.metrics.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python list literals of strings, as the original library's tagging files hold them and read them
 * with {@code ast.literal_eval}: {@code ['B-artist', "it's", 'O']}. Items are quoted with {@code '}
 * or {@code "}; escapes are Python's ({@code \\ \' \" \n \t \r \xHH \\uHHHH \UHHHHHHHH}; other
 * backslashes stay as written). A bare number ({@code [0, 2]}, as multi-label files may hold) is
 * read as its text. A trailing comma is allowed.
 */
public final class PythonListLiteral {

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private final String text;
  private int pos;

  private PythonListLiteral(String text) {
    this.text = text;
  }

  /**
   * Parses a literal.
   *
   * @param text the literal
   * @return its items
   * @throws IllegalArgumentException saying what is wrong at which character
   */
  public static List<String> parse(String text) {
    return new PythonListLiteral(text).list();
  }

  /**
   * Writes items as a literal that {@link #parse} (and Python) reads back: single quotes, with
   * backslash, quote and control characters escaped.
   *
   * @param items the items
   * @return the literal
   */
  public static String format(List<String> items) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('\'');
      for (char c : items.get(i).toCharArray()) {
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '\'' -> out.append("\\'");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
      }
      out.append('\'');
    }
    return out.append(']').toString();
  }

  private List<String> list() {
    skipSpace();
    expect('[');
    List<String> items = new ArrayList<>();
    skipSpace();
    while (peek() != ']') {
      items.add(peek() == '\'' || peek() == '"' ? string() : number());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != ']') {
        throw error("expected ',' or ']'");
      }
    }
    pos++;
    skipSpace();
    if (pos != text.length()) {
      throw error("unexpected text after ']'");
    }
    return items;
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\') {
        escape(out);
      } else {
        out.append(c);
      }
    }
  }

  private void escape(StringBuilder out) {
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    char c = text.charAt(pos++);
    switch (c) {
      case '\\', '\'', '"' -> out.append(c);
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'x' -> out.appendCodePoint(hex(2));
      case 'u' -> out.appendCodePoint(hex(4));
      case 'U' -> out.appendCodePoint(hex(8));
      default -> out.append('\\').append(c);
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw error("truncated \\x, \\u or \\U escape");
    }
    int cp;
    try {
      cp = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
    } catch (NumberFormatException e) {
      throw error("bad hexadecimal escape");
    }
    if (!Character.isValidCodePoint(cp)) {
      throw error("escape is not a valid code point");
    }
    pos += digits;
    return cp;
  }

  private String number() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ']') {
      pos++;
    }
    String item = text.substring(start, pos).strip();
    if (!NUMBER.matcher(item).matches()) {
      pos = start;
      throw error("expected a quoted string or a number");
    }
    return item;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of list");
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "bad list literal at character " + (pos + 1) + ": " + what + " in " + abbreviate(text));
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}

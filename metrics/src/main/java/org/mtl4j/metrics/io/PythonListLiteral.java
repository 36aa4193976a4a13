package org.mtl4j.metrics.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python list literals of the original library's tagging files
 * ({@code ['B-x', 'O', "it's"]}), which it reads with {@code ast.literal_eval}: single- or
 * double-quoted strings with backslash escapes, separated by commas, an optional trailing comma.
 * A bare element (a number such as {@code 3}) is taken as its text.
 */
public final class PythonListLiteral {

  private final String text;
  private int pos;

  private PythonListLiteral(String text) {
    this.text = text;
  }

  /**
   * @param text the literal
   * @return its elements as strings
   * @throws IllegalArgumentException saying what was expected at which character
   */
  public static List<String> parse(String text) {
    return new PythonListLiteral(text).list();
  }

  private List<String> list() {
    skipSpace();
    expect('[');
    List<String> items = new ArrayList<>();
    skipSpace();
    while (peek() != ']') {
      items.add(peek() == '\'' || peek() == '"' ? quoted() : bare());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != ']') {
        throw error("',' or ']'");
      }
    }
    pos++;
    skipSpace();
    if (pos != text.length()) {
      throw error("the end of the list");
    }
    return items;
  }

  private String quoted() {
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("a closing " + quote);
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("an escaped character");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '\\', '\'', '"' -> out.append(e);
        default -> out.append('\\').append(e);
      }
    }
  }

  private String bare() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ']') {
      pos++;
    }
    String item = text.substring(start, pos).strip();
    if (item.isEmpty()) {
      throw error("a list element");
    }
    return item;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("more of the list");
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException(
        "not a Python list literal: expected " + expected + " at character " + (pos + 1) + " of " + text);
  }
}

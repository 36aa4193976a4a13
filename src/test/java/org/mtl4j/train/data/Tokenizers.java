package org.mtl4j.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tokenizer files for tests: the real all-MiniLM-L6-v2 tokenizer and a small XLNet-style one. */
final class Tokenizers {

  private Tokenizers() {}

  /** Copies all-MiniLM-L6-v2's tokenizer.json (BERT WordPiece, lower-casing) out of its jar. */
  static Path minilm(Path dir) {
    Path file = dir.resolve("minilm-tokenizer.json");
    try (InputStream in =
        Tokenizers.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      if (in == null) {
        throw new IllegalStateException("all-minilm-l6-v2-tokenizer.json is not on the classpath");
      }
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a word-level tokenizer with XLNet's template ({@code A <sep> B <sep> <cls>}, {@code
   * <cls>} type id 2) and XLNet's padding (left, type id 3). Words outside its small vocabulary
   * become {@code <unk>}.
   */
  static Path xlnetStyle(Path dir) {
    String json =
        """
        {
          "version": "1.0",
          "truncation": null,
          "padding": {"strategy": "BatchLongest", "direction": "Left", "pad_to_multiple_of": null,
                      "pad_id": 5, "pad_type_id": 3, "pad_token": "<pad>"},
          "added_tokens": [
            {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true},
            {"id": 3, "content": "<sep>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true},
            {"id": 4, "content": "<cls>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true},
            {"id": 5, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true}
          ],
          "normalizer": null,
          "pre_tokenizer": {"type": "WhitespaceSplit"},
          "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "<sep>", "type_id": 0}},
                       {"SpecialToken": {"id": "<cls>", "type_id": 2}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "<sep>", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "<sep>", "type_id": 1}},
                     {"SpecialToken": {"id": "<cls>", "type_id": 2}}],
            "special_tokens": {
              "<sep>": {"id": "<sep>", "ids": [3], "tokens": ["<sep>"]},
              "<cls>": {"id": "<cls>", "ids": [4], "tokens": ["<cls>"]}
            }
          },
          "decoder": null,
          "model": {"type": "WordLevel", "unk_token": "<unk>",
                    "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<sep>": 3, "<cls>": 4, "<pad>": 5,
                              "play": 6, "some": 7, "jazz": 8, "music": 9, "now": 10}}
        }
        """;
    Path file = dir.resolve("xlnet-style-tokenizer.json");
    try {
      return Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a small byte-level BPE tokenizer in RoBERTa's style ({@code <s> A </s>}, no prefix
   * space): {@code play jazz} as one text gives {@code play Ġjazz}, while {@code jazz} encoded on
   * its own gives the different token {@code jazz}.
   */
  static Path robertaStyle(Path dir) {
    String json =
        """
        {
          "version": "1.0",
          "truncation": null,
          "padding": null,
          "added_tokens": [
            {"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true},
            {"id": 1, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true},
            {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true}
          ],
          "normalizer": null,
          "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
                            "use_regex": true},
          "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0],
                             "trim_offsets": true, "add_prefix_space": false},
          "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
                      "use_regex": true},
          "model": {"type": "BPE", "dropout": null, "unk_token": null,
                    "continuing_subword_prefix": null, "end_of_word_suffix": null,
                    "fuse_unk": false, "byte_fallback": false,
                    "vocab": {"<s>": 0, "<pad>": 1, "</s>": 2, "p": 3, "l": 4, "a": 5, "y": 6,
                              "j": 7, "z": 8, "\u0120": 9, "pl": 10, "ay": 11, "play": 12,
                              "zz": 13, "ja": 14, "jazz": 15, "\u0120j": 16, "\u0120ja": 17,
                              "\u0120jazz": 18},
                    "merges": ["p l", "a y", "pl ay", "\u0120 j", "z z", "\u0120j a",
                               "\u0120ja zz", "j a", "ja zz"]}
        }
        """;
    Path file = dir.resolve("roberta-style-tokenizer.json");
    try {
      return Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.mtl4j.train.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;

/**
 * A word-level {@code tokenizer.json} for an encoder preset, which comes with a config but no
 * vocabulary: the family's special tokens and template (BERT's {@code [CLS] A [SEP] B [SEP]},
 * RoBERTa's {@code <s> A </s></s> B </s>}, XLNet's {@code A <sep> B <sep> <cls>} padded on the
 * left), then the training data's most frequent lower-cased words until the config's vocabulary is
 * full. Other words become the unknown token. Meant for tiny presets and smoke runs; real training
 * starts from a pretrained encoder and its own tokenizer.
 */
public final class PresetTokenizer {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PresetTokenizer() {}

  /**
   * @param config the preset's config (family, vocabulary size, pad id)
   * @param words the training data's words, repeats counted
   * @return the tokenizer.json text
   */
  public static String build(EncoderConfig config, List<String> words) {
    Style style = Style.of(config.family());
    String[] specials = style.tokens.toArray(String[]::new);
    if (specials.length > config.vocabSize()
        || style.tokens.indexOf(style.pad) != config.padTokenId()) {
      throw new IllegalArgumentException(
          "a word-level tokenizer for "
              + config.family().modelType()
              + " needs pad_token_id "
              + style.tokens.indexOf(style.pad)
              + " and vocab_size >= "
              + specials.length
              + "; the config has "
              + config.padTokenId()
              + " and "
              + config.vocabSize());
    }
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < specials.length; i++) {
      vocab.put(specials[i], i);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String w : words) {
      counts.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    List<String> ranked = new ArrayList<>(counts.keySet());
    ranked.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(w -> w));
    for (String w : ranked) {
      if (vocab.size() >= config.vocabSize()) {
        break;
      }
      vocab.putIfAbsent(w, vocab.size());
    }
    return json(style, specials, vocab, config);
  }

  private static String json(
      Style style, String[] specials, Map<String, Integer> vocab, EncoderConfig config) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    if (style == Style.XLNET) {
      ObjectNode padding = root.putObject("padding");
      padding.put("strategy", "BatchLongest");
      padding.put("direction", "Left");
      padding.putNull("pad_to_multiple_of");
      padding.put("pad_id", config.padTokenId());
      padding.put("pad_type_id", 3);
      padding.put("pad_token", specials[config.padTokenId()]);
    } else {
      root.putNull("padding");
    }
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < specials.length; i++) {
      ObjectNode t = added.addObject();
      t.put("id", i);
      t.put("content", specials[i]);
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putObject("normalizer").put("type", "Lowercase");
    root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
    root.set("post_processor", style.template(MAPPER));
    root.putNull("decoder");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    model.put("unk_token", style.unk);
    ObjectNode v = model.putObject("vocab");
    vocab.forEach(v::put);
    return root.toPrettyString();
  }

  /** The special tokens and template of a family. */
  private enum Style {
    BERT("[UNK]", "[CLS]", "[SEP]", "[PAD]", List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")),
    ROBERTA("<unk>", "<s>", "</s>", "<pad>", List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>")),
    XLNET(
        "<unk>",
        "<cls>",
        "<sep>",
        "<pad>",
        List.of("<unk>", "<s>", "</s>", "<sep>", "<cls>", "<pad>"));

    final String unk;
    final String cls;
    final String sep;
    final String pad;
    final List<String> tokens;

    Style(String unk, String cls, String sep, String pad, List<String> tokens) {
      this.unk = unk;
      this.cls = cls;
      this.sep = sep;
      this.pad = pad;
      this.tokens = tokens;
    }

    static Style of(EncoderFamily family) {
      return switch (family) {
        case ROBERTA -> ROBERTA;
        case XLNET -> XLNET;
        case BERT, DISTILBERT, ALBERT -> BERT;
      };
    }

    ObjectNode template(ObjectMapper mapper) {
      ObjectNode post = mapper.createObjectNode();
      post.put("type", "TemplateProcessing");
      ArrayNode single = post.putArray("single");
      ArrayNode pair = post.putArray("pair");
      switch (this) {
        case BERT -> {
          special(single, cls, 0).add(seq("A", 0)).add(specialNode(mapper, sep, 0));
          special(pair, cls, 0)
              .add(seq("A", 0))
              .add(specialNode(mapper, sep, 0))
              .add(seq("B", 1))
              .add(specialNode(mapper, sep, 1));
        }
        case ROBERTA -> {
          special(single, cls, 0).add(seq("A", 0)).add(specialNode(mapper, sep, 0));
          special(pair, cls, 0)
              .add(seq("A", 0))
              .add(specialNode(mapper, sep, 0))
              .add(specialNode(mapper, sep, 0))
              .add(seq("B", 0))
              .add(specialNode(mapper, sep, 0));
        }
        case XLNET -> {
          single.add(seq("A", 0)).add(specialNode(mapper, sep, 0)).add(specialNode(mapper, cls, 2));
          pair.add(seq("A", 0))
              .add(specialNode(mapper, sep, 0))
              .add(seq("B", 1))
              .add(specialNode(mapper, sep, 1))
              .add(specialNode(mapper, cls, 2));
        }
      }
      ObjectNode specialTokens = post.putObject("special_tokens");
      for (String t : List.of(cls, sep)) {
        ObjectNode node = specialTokens.putObject(t);
        node.put("id", t);
        node.putArray("ids").add(tokens.indexOf(t));
        node.putArray("tokens").add(t);
      }
      return post;
    }

    private static ArrayNode special(ArrayNode list, String token, int type) {
      ObjectNode node = list.addObject().putObject("SpecialToken");
      node.put("id", token);
      node.put("type_id", type);
      return list;
    }

    private static ObjectNode specialNode(ObjectMapper mapper, String token, int type) {
      ObjectNode wrapper = mapper.createObjectNode();
      ObjectNode node = wrapper.putObject("SpecialToken");
      node.put("id", token);
      node.put("type_id", type);
      return wrapper;
    }

    private static ObjectNode seq(String id, int type) {
      ObjectNode wrapper = MAPPER.createObjectNode();
      ObjectNode node = wrapper.putObject("Sequence");
      node.put("id", id);
      node.put("type_id", type);
      return wrapper;
    }
  }
}

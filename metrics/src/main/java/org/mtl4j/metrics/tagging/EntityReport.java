package org.mtl4j.metrics.tagging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mtl4j.metrics.LabelCounts;
import org.mtl4j.metrics.LabelSequences;
import org.mtl4j.metrics.ScoreTable;

/**
 * Entity-level precision, recall and F1 per entity type with micro, macro and weighted averages, as
 * seqeval's {@code classification_report}: an entity counts as found only when a predicted entity
 * has the same type and the same boundaries. Types are the sorted union of gold and predicted
 * entity types. With {@link Chunking#LENIENT} the micro average equals the original library's
 * {@code seqeval_precision}, {@code seqeval_recall} and {@code seqeval_f1_score}.
 *
 * @param chunking how the tags were cut into entities
 * @param table per-type scores (support: gold entities of the type) and averages
 */
public record EntityReport(Chunking chunking, ScoreTable table) {

  /**
   * Scores predicted tag sequences against gold ones.
   *
   * @param gold gold tag sequences
   * @param pred predicted tag sequences, each as long as its gold sequence
   * @param chunking how to find entities
   * @return the report
   * @throws IllegalArgumentException when sequences differ in length (naming the sentence) or a
   *     strict scheme rejects a tag
   */
  public static EntityReport of(
      List<? extends List<String>> gold, List<? extends List<String>> pred, Chunking chunking) {
    LabelSequences.requireAligned(gold, pred);
    Set<Chunk> goldEntities = new HashSet<>(chunking.entities(gold));
    Set<Chunk> predEntities = new HashSet<>(chunking.entities(pred));
    TreeSet<String> types = new TreeSet<>();
    goldEntities.forEach(e -> types.add(e.type()));
    predEntities.forEach(e -> types.add(e.type()));
    List<LabelCounts> counts = new ArrayList<>(types.size());
    for (String type : types) {
      long truePositives =
          goldEntities.stream()
              .filter(e -> e.type().equals(type) && predEntities.contains(e))
              .count();
      long predicted = predEntities.stream().filter(e -> e.type().equals(type)).count();
      long actual = goldEntities.stream().filter(e -> e.type().equals(type)).count();
      counts.add(new LabelCounts(type, truePositives, predicted, actual));
    }
    return new EntityReport(chunking, ScoreTable.of(counts));
  }
}

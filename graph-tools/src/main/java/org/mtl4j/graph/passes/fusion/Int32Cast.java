package org.mtl4j.graph.passes.fusion;

import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * The int32 form of an integer value that contrib operators take (token ids, masks): the value
 * itself when it is an int32 graph input, else one shared {@code Cast} to int32, added on first
 * use.
 */
final class Int32Cast {

  private Int32Cast() {}

  /**
   * @param g the graph
   * @param value an int64 or int32 value
   * @return the name of its int32 form
   */
  static String of(GraphEditor g, String value) {
    for (Node c : g.consumers(value)) {
      if (c.opType().equals("Cast")
          && c.domain().isEmpty()
          && c.attribute("to")
              .map(a -> ((Attribute.IntAttr) a).value() == ElemType.INT32.code())
              .orElse(false)) {
        return c.outputs().get(0);
      }
    }
    Optional<Value> input = g.graphInput(value);
    if (input.isPresent() && input.get().elemType() == ElemType.INT32) {
      return value;
    }
    String out = g.uniqueName(value + "_int32");
    g.add(
        Node.of(
            g.uniqueName("Cast_" + value + "_int32"),
            "",
            "Cast",
            List.of(value),
            List.of(out),
            List.of(Attribute.of("to", (long) ElemType.INT32.code()))));
    return out;
  }
}

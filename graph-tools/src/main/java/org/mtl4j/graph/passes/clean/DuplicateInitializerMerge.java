package org.mtl4j.graph.passes.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Makes readers of initializers with equal type, shape and bytes read the first of them, and
 * removes the others. Initializers that are also graph inputs (overridable) are left alone.
 */
public final class DuplicateInitializerMerge implements GraphPass {

  @Override
  public String name() {
    return "merge-duplicate-initializers";
  }

  @Override
  public int apply(GraphEditor g) {
    Set<String> inputs = new HashSet<>();
    g.graph().inputs().stream().map(Value::name).forEach(inputs::add);
    Map<Object, List<Tensor>> groups = new HashMap<>();
    for (Tensor t : g.graph().initializers().values()) {
      if (inputs.contains(t.name()) || t.isString()) {
        continue;
      }
      Object key =
          List.of(
              t.elemType(),
              Arrays.toString(t.dims()),
              t.byteSize(),
              t.byteSize() <= (1 << 20) ? t.bytes().hashCode() : 0);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    int merged = 0;
    for (List<Tensor> group : groups.values()) {
      List<Tensor> kept = new ArrayList<>();
      for (Tensor t : group) {
        Tensor same =
            kept.stream()
                .filter(k -> Objects.equals(k.bytes(), t.bytes()))
                .findFirst()
                .orElse(null);
        if (same == null) {
          kept.add(t);
        } else if (!g.isGraphOutput(t.name())) {
          g.replaceUses(t.name(), same.name());
          g.removeInitializer(t.name());
          merged++;
        }
      }
    }
    return merged;
  }
}

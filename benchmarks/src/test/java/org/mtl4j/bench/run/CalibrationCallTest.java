package org.mtl4j.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.build.GraphBuilder;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

class CalibrationCallTest {

  @Test
  void theCalibrationHasAsManyLayersAsMakeItsWeightsTheModels(@TempDir Path dir) throws Exception {
    // three layers' worth of matrices in MatMuls, and a large embedding table only gathered
    GraphBuilder b = new GraphBuilder("sized");
    String x = b.input("x", ElemType.FLOAT, Shape.of("rows", 384));
    String ids = b.input("ids", ElemType.INT64, Shape.of("rows"));
    String table =
        b.initializer(Tensor.floats("table", new long[] {30000, 384}, new float[30000 * 384]));
    String h = b.op("Add").in(x, b.op("Gather").in(table, ids).out()).out();
    for (int layer = 0; layer < 3; layer++) {
      for (int m = 0; m < 4; m++) {
        h = b.op("MatMul").in(h, matrix(b, "a" + layer + m, 384, 384)).out();
      }
      h = b.op("MatMul").in(h, matrix(b, "up" + layer, 384, 1536)).out();
      h = b.op("MatMul").in(h, matrix(b, "down" + layer, 1536, 384)).out();
    }
    b.output(h, ElemType.FLOAT, Shape.of("rows", 384));
    Path onnx = dir.resolve("sized.onnx");
    OnnxWriter.write(b.build(), onnx, WriteOptions.inline());

    assertThat(CalibrationCall.layersFor(onnx)).isEqualTo(3);
  }

  @Test
  void aBaselinesIdGivesBackItsLayersAndAnUnknownIdIsRefused() {
    assertThat(CalibrationCall.layersOf(CalibrationCall.id(6))).isEqualTo(6);
    assertThat(CalibrationCall.id(6)).isNotEqualTo(CalibrationCall.id(7));
    assertThatThrownBy(() -> CalibrationCall.layersOf("bert-2x384-seq64-seed7"))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("save the baseline again");
    assertThatThrownBy(() -> CalibrationCall.layersOf(CalibrationCall.id(6).replace("6", "0")))
        .isInstanceOf(BenchInputException.class);
  }

  private static String matrix(GraphBuilder b, String name, int rows, int cols) {
    return b.initializer(Tensor.floats(name, new long[] {rows, cols}, new float[rows * cols]));
  }
}

package org.mtl4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.zoo.pkg.ModelFiles;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * Installs an ONNX graph into a package as its {@code model.onnx} with external data named per
 * write ({@code model.onnx.<id>.data}), through {@link ModelFiles#write}, the path {@code mtl
 * export} and {@code mtl optimize} take for models past the external-data threshold: a child JVM
 * for {@link KillRecoveryTest}, which cannot make a test model that large.
 */
final class ExternalDataInstall {

  private ExternalDataInstall() {}

  /**
   * @param args the source ONNX file and the package folder
   * @throws IOException when the source cannot be read
   */
  public static void main(String[] args) throws IOException {
    Model model = OnnxReader.read(Path.of(args[0]));
    ModelFiles.write(
        Path.of(args[1]),
        ModelPackage.MODEL_ONNX,
        file ->
            OnnxWriter.write(
                model,
                file,
                WriteOptions.externalData()
                    .withLocation(ModelFiles.externalDataName(ModelPackage.MODEL_ONNX))));
  }
}

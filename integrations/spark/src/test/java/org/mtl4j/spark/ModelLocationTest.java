package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.zoo.pkg.ModelPackage;

/** Models reached through a Hadoop file system and shipped with --files. */
@ExtendWith(LocalSpark.class)
class ModelLocationTest {

  @TempDir Path dir;

  @Test
  void aPackageOnAHadoopFileSystemIsCopiedAndKeyedByItsChecksum() {
    Path pkg = TestModels.tinyPackage(dir, 41);
    LocalSpark.session()
        .sparkContext()
        .hadoopConfiguration()
        .set("fs." + SchemeLocalFileSystem.SCHEME + ".impl", SchemeLocalFileSystem.class.getName());
    List<String> texts = SnipsTexts.load().subList(0, 50);
    Dataset<Row> frame = SparkFrames.pairs(texts, SparkFrames.successors(texts));
    int before = ExecutorModels.loads();

    List<Row> local =
        MtlTransformerTest.collectById(
            new MtlTransformer().setModelPath(pkg.toString()).transform(frame));
    List<Row> remote =
        MtlTransformerTest.collectById(
            new MtlTransformer()
                .setModelPath(SchemeLocalFileSystem.SCHEME + "://" + pkg.toUri().getPath())
                .transform(frame));

    assertThat(remote).isEqualTo(local);
    assertThat(ExecutorModels.loads() - before).as("same checksum, one model").isEqualTo(1);
  }

  @Test
  void aSingleOnnxShippedWithFilesIsFoundByItsName() throws Exception {
    Path pkg = TestModels.tinyPackage(dir, 42);
    // Spark re-checks shipped files before later tasks, so the source lives as long as the session.
    Path shipping = Files.createTempDirectory("mtl4j-shipped");
    Path onnx =
        Files.copy(pkg.resolve(ModelPackage.MODEL_ONNX), shipping.resolve("tiny-shipped-42.onnx"));
    shipping.toFile().deleteOnExit();
    onnx.toFile().deleteOnExit();
    LocalSpark.session().sparkContext().addFile(onnx.toString());
    List<String> texts = SnipsTexts.load().subList(100, 160);
    Dataset<Row> frame = SparkFrames.pairs(texts, SparkFrames.successors(texts));

    List<Row> rows =
        MtlTransformerTest.collectById(
            new MtlTransformer()
                .setModelPath("tiny-shipped-42.onnx")
                .setTextBCol("textB")
                .transform(frame));

    try (MtlModel reference = MtlModel.load(pkg)) {
      MtlTransformerTest.assertEqualsSingleJvm(
          rows, reference, texts, SparkFrames.successors(texts));
    }
  }
}

package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The transformer saved and loaded alone and inside a pipeline. */
@ExtendWith(LocalSpark.class)
class PipelinePersistenceTest {

  @TempDir Path dir;

  @Test
  void aSavedAndReloadedPipelineGivesTheSameResults() throws Exception {
    Path pkg = TestModels.tinyPackage(dir, 31);
    List<String> texts = SnipsTexts.load().subList(0, 100);
    Dataset<Row> frame = SparkFrames.pairs(texts, SparkFrames.successors(texts));
    MtlTransformer stage =
        new MtlTransformer()
            .setModelPath(pkg.toString())
            .setTextBCol("textB")
            .setTasks("slots", "nli")
            .setBatchSize(7);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {stage}).fit(frame);
    fitted.write().save(dir.resolve("pipeline").toString());

    PipelineModel reloaded = PipelineModel.load(dir.resolve("pipeline").toString());

    assertThat(reloaded.stages()).hasSize(1);
    assertThat(reloaded.stages()[0]).isInstanceOf(MtlTransformer.class);
    List<Row> expected = MtlTransformerTest.collectById(fitted.transform(frame));
    List<Row> actual = MtlTransformerTest.collectById(reloaded.transform(frame));
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.get(0).schema().fieldNames())
        .containsExactly("id", "text", "textB", "slots", "nli", MtlTransformer.ERROR_COL);
    assertThat(actual).allSatisfy(row -> assertThat(row.<Row>getAs("nli")).isNotNull());
  }

  @Test
  void aSavedStageLoadsWithItsUidAndEveryParameter() throws Exception {
    MtlTransformer stage =
        new MtlTransformer()
            .setModelPath("hdfs:///models/intent")
            .setTextCol("query")
            .setTextBCol("title")
            .setTasks("intent", "nli")
            .setBatchSize(64)
            .setIntraOpThreads(2);
    stage.save(dir.resolve("stage").toString());

    MtlTransformer loaded = MtlTransformer.load(dir.resolve("stage").toString());

    assertThat(loaded.uid()).isEqualTo(stage.uid());
    assertThat(loaded.getOrDefault(loaded.modelPath())).isEqualTo("hdfs:///models/intent");
    assertThat(loaded.getOrDefault(loaded.textCol())).isEqualTo("query");
    assertThat(loaded.getOrDefault(loaded.textBCol())).isEqualTo("title");
    assertThat(loaded.getOrDefault(loaded.tasks())).containsExactly("intent", "nli");
    assertThat(loaded.getOrDefault(loaded.batchSize())).isEqualTo(64);
    assertThat(loaded.getOrDefault(loaded.intraOpThreads())).isEqualTo(2);
  }
}

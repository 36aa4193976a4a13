package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.MtlModel;

/** The README's Spark snippet compiles against this module and runs on the shared session. */
@ExtendWith(LocalSpark.class)
class ReadmeExampleTest {

  private static final Path README = Path.of("../../README.md");
  private static final String SECTION = "## Batch scoring on Spark";

  @TempDir Path dir;

  static String snippet() throws Exception {
    String readme = Files.readString(README);
    int section = readme.indexOf(SECTION);
    assertThat(section).as("README section '%s'", SECTION).isNotNegative();
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void theReadmeSnippetCompilesAndScoresAParquetFile() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path source = Files.writeString(sources.resolve("ScoreQueries.java"), snippet());
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (var files = compiler.getStandardFileManager(diagnostics, null, null)) {
      boolean compiled =
          compiler
              .getTask(
                  new StringWriter(),
                  files,
                  diagnostics,
                  List.of("-classpath", classPath, "-d", classes.toString()),
                  null,
                  files.getJavaFileObjects(source.toFile()))
              .call();
      assertThat(compiled).as("%s", diagnostics.getDiagnostics()).isTrue();
    }

    Path pkg = TestModels.tinyPackage(dir, 51);
    List<String> texts = SnipsTexts.load().subList(200, 240);
    Path input = dir.resolve("queries.parquet");
    Path output = dir.resolve("scored.parquet");
    LocalSpark.session()
        .createDataset(texts, Encoders.STRING())
        .toDF("text")
        .write()
        .parquet(input.toString());
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      loader
          .loadClass("ScoreQueries")
          .getMethod("main", String[].class)
          .invoke(
              null, (Object) new String[] {input.toString(), pkg.toString(), output.toString()});
    }

    List<Row> rows =
        LocalSpark.session().read().parquet(output.toString()).collectAsList().stream()
            .sorted(Comparator.comparingInt(r -> texts.indexOf(r.<String>getAs("text"))))
            .toList();
    assertThat(rows.get(0).schema().fieldNames())
        .containsExactly("text", "label", "score", "entities", "mtl_error");
    assertThat(rows).hasSize(texts.size());
    try (MtlModel reference = MtlModel.load(pkg)) {
      for (Row row : rows) {
        ClassificationResult intent =
            reference.predict(row.<String>getAs("text")).get("intent", ClassificationResult.class);
        assertThat(row.<String>getAs("label")).isEqualTo(intent.label());
        assertThat(row.<String>getAs("mtl_error")).isNull();
      }
    }
  }
}

package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's starter example is the application the tests start: its configuration equals the
 * tests' {@code application.yml} but for the model path, and every line of its Java code is in the
 * example sources.
 */
class ReadmeExampleTest {

  private static final Path README = Path.of("../../README.md");
  private static final Path EXAMPLE = Path.of("src/test/java/org/mtl4j/spring/example");

  @Test
  void configurationIsTheTestsApplicationYml() throws IOException {
    List<String> readme =
        block("```yaml\nmtl4j:").stream().filter(l -> !l.trim().startsWith("path:")).toList();
    List<String> yml =
        Files.readAllLines(Path.of("src/test/resources/application.yml")).stream()
            .filter(l -> !l.startsWith("#"))
            .toList();

    assertThat(readme).isEqualTo(yml);
  }

  @Test
  void codeIsTheExampleSources() throws IOException {
    String sources =
        Files.readString(EXAMPLE.resolve("ExampleApplication.java"))
            + Files.readString(EXAMPLE.resolve("PredictionController.java"));
    List<String> code =
        block("```java\n@SpringBootApplication").stream()
            .map(l -> l.replaceAll("\\s*//.*$", "").trim())
            .filter(l -> !l.isEmpty())
            .toList();

    assertThat(code).hasSizeGreaterThan(20);
    for (String line : code) {
      assertThat(sources).as("README line: " + line).contains(line);
    }
  }

  /** The lines of the README's fenced block that starts with {@code opening}, without fences. */
  private static List<String> block(String opening) throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf(opening);
    assertThat(start).as("README block " + opening.replace("\n", " ")).isNotNegative();
    int body = readme.indexOf('\n', start) + 1;
    int end = readme.indexOf("```\n", body);
    return readme.substring(body, end).lines().toList();
  }
}

package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata that IDEs complete {@code mtl4j.*} from describes every setting of
 * {@link MtlProperties}, and the health indicator's switch.
 */
class ConfigurationMetadataTest {

  @Test
  void everySettingIsDescribed() throws Exception {
    Path classes =
        Path.of(MtlProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JsonNode metadata =
        new ObjectMapper()
            .readTree(classes.resolve("META-INF/spring-configuration-metadata.json").toFile());
    Map<String, JsonNode> properties = new HashMap<>();
    metadata.path("properties").forEach(p -> properties.put(p.path("name").asText(), p));

    int settings = 0;
    for (RecordComponent group : MtlProperties.class.getRecordComponents()) {
      for (RecordComponent setting : group.getType().getRecordComponents()) {
        String name = "mtl4j." + group.getName() + "." + kebab(setting.getName());
        assertThat(properties).as(name).containsKey(name);
        assertThat(properties.get(name).path("description").asText()).as(name).isNotBlank();
        settings++;
      }
    }
    assertThat(settings).isEqualTo(13);
    assertThat(properties.get("mtl4j.batching.max-batch-size").path("defaultValue").asInt())
        .isEqualTo(32);
    assertThat(properties.get("mtl4j.runtime.session-optimization").path("defaultValue").asText())
        .isEqualTo("all");
    assertThat(properties).containsKey("management.health.mtl.enabled");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}

package org.mtl4j.train.trainer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mtl4j.bench.run.DevSplit;
import org.mtl4j.bench.run.DevTexts;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.train.data.DataReader;
import org.mtl4j.train.data.Example;
import org.mtl4j.train.data.MultiLabelExample;
import org.mtl4j.train.data.PairExample;
import org.mtl4j.train.data.SentenceExample;
import org.mtl4j.train.data.TaggedExample;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskDefinition;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Reads the dev split texts of the task file a package records ({@value
 * PackageEvaluation#TASK_FILE} in its manifest's provenance), {@code mtl bench}'s default workload:
 * the sentences of classification and multi-label tasks, the words of tagging tasks joined by
 * spaces, and the sentence pairs of pair tasks.
 */
public final class PackageDevTexts implements DevTexts {

  @Override
  public Optional<DevSplit> read(Path packageDir) {
    Manifest manifest = ModelPackage.openWithoutVerifying(packageDir).manifest();
    String recorded = manifest.provenance().get(PackageEvaluation.TASK_FILE);
    if (recorded == null) {
      return Optional.empty();
    }
    TaskFile file = TaskFile.read(Path.of(recorded));
    Map<String, List<ModelInput>> texts = new LinkedHashMap<>();
    for (TaskSpec spec : manifest.tasks()) {
      Optional<TaskDefinition> task =
          file.tasks().stream().filter(t -> t.name().equals(spec.name())).findFirst();
      if (task.isPresent() && task.get().files().file(Split.DEV).isPresent()) {
        texts.put(
            spec.name(),
            DataReader.read(task.get(), Split.DEV).stream().map(PackageDevTexts::input).toList());
      }
    }
    return Optional.of(new DevSplit(file.path(), texts));
  }

  private static ModelInput input(Example example) {
    if (example instanceof SentenceExample s) {
      return ModelInput.of(s.text());
    }
    if (example instanceof MultiLabelExample m) {
      return ModelInput.of(m.text());
    }
    if (example instanceof TaggedExample t) {
      return ModelInput.of(String.join(" ", t.words()));
    }
    PairExample p = (PairExample) example;
    return ModelInput.pair(p.textA(), p.textB());
  }
}

package org.mtl4j.train.data.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.data.DataReader;
import org.mtl4j.train.data.Example;
import org.mtl4j.train.data.SentenceExample;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.zoo.pkg.TaskType;

class DemoCorpusTest {

  @TempDir Path dir;

  @Test
  void sameSeedSameCorpusOtherSeedOtherCorpus() {
    DemoCorpus.Sizes sizes = new DemoCorpus.Sizes(200, 30, 30);
    assertThat(DemoCorpus.generate(3, sizes)).isEqualTo(DemoCorpus.generate(3, sizes));
    assertThat(DemoCorpus.generate(4, sizes).train())
        .isNotEqualTo(DemoCorpus.generate(3, sizes).train());
  }

  @Test
  void utterancesAreDistinctAcrossSplitsWithValidBioTagsAndSevenIntents() {
    Corpus corpus = DemoCorpus.generate(42, DemoCorpus.Sizes.DEFAULT);
    assertThat(corpus.train()).hasSize(2400);
    assertThat(corpus.dev()).hasSize(300);
    assertThat(corpus.test()).hasSize(300);
    List<Utterance> all = new ArrayList<>(corpus.train());
    all.addAll(corpus.dev());
    all.addAll(corpus.test());
    assertThat(all.stream().map(Utterance::text).distinct().count()).isEqualTo(all.size());
    Set<String> intents = new HashSet<>();
    for (Utterance u : all) {
      intents.add(u.intent());
      for (int i = 0; i < u.tags().size(); i++) {
        String tag = u.tags().get(i);
        if (tag.startsWith("I-")) {
          assertThat(u.tags().get(i - 1)).endsWith(tag.substring(2));
        } else {
          assertThat(tag).matches("O|B-\\w+");
        }
      }
    }
    assertThat(intents).hasSize(7);
    assertThat(corpus.test().stream().map(Utterance::intent).distinct().count()).isEqualTo(7);
  }

  @Test
  void writesATaskFolderThatReadsBack() throws Exception {
    List<String> progress = new ArrayList<>();
    TaskFolderWriter.Written written =
        DemoCorpus.write(dir, 1, new DemoCorpus.Sizes(120, 20, 20), progress::add);
    assertThat(progress).last().asString().startsWith("wrote intent, ner and fragdetect tasks");
    TaskFile tasks = TaskFile.read(written.taskFile());
    assertThat(tasks.names()).containsExactly("intent", "ner", "fragdetect");
    assertThat(tasks.task("ner").spec().type()).isEqualTo(TaskType.NER);
    assertThat(tasks.task("ner").spec().labels()).first().isEqualTo("O");
    assertThat(tasks.task("ner").spec().labels()).doesNotContain("X", "[CLS]", "[SEP]");
    assertThat(tasks.task("fragdetect").spec().labels()).containsExactly("whole", "fragment");
    for (String task : tasks.names()) {
      for (Split split : Split.values()) {
        List<Example> rows = DataReader.read(tasks.task(task), split);
        assertThat(rows).hasSize(written.rows().get(task).get(split));
      }
    }
    List<Example> frag = DataReader.read(tasks.task("fragdetect"), Split.TRAIN);
    long fragments = frag.stream().filter(e -> ((SentenceExample) e).label() == 1).count();
    assertThat(fragments).isBetween(30L, 90L);
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }
}

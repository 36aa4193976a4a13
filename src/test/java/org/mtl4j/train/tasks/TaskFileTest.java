package org.mtl4j.train.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

class TaskFileTest {

  @TempDir Path dir;

  @BeforeEach
  void dataFiles() throws IOException {
    for (String name :
        List.of(
            "a_train.tsv",
            "a_dev.tsv",
            "a_test.tsv",
            "p.tsv",
            "n_train.tsv",
            "n_dev.tsv",
            "m.jsonl")) {
      Files.writeString(dir.resolve(name), "1\tx\ty\n");
    }
    Files.writeString(dir.resolve("tags.txt"), "O\nB-artist\nI-artist\n\n");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("tasks.yml"), yaml);
  }

  @Test
  void readsEveryTaskTypeWithDefaults() throws IOException {
    Path file =
        write(
            """
            intent:
              task_type: SingleSenClassification
              loss_type: CrossEntropyLoss
              file_names: [a_train.tsv, a_dev.tsv, a_test.tsv]
              label_map_or_file: [PlayMusic, GetWeather]
              metrics: [Classification_Accuracy, classification_f1_score]
              encoder: all-minilm-l6-v2
            pair:
              task_type: SentencePairClassification
              file_names: [p.tsv]
              class_num: 3
              dropout_prob: 0.2
              loss_weight: 0.5
              encoder: all-minilm-l6-v2
            ner:
              task_type: NER
              loss_type: NERLoss
              file_names: [n_train.tsv, n_dev.tsv]
              label_map_or_file: tags.txt
              metrics: [snips_f1_score]
              model_type: bert
              config_name: bert-base-uncased
            topics:
              task_type: MultiLabelClassification
              loss_type: BCEWithLogitsLoss
              file_names: [m.jsonl]
              label_map_or_file: [music, weather, books]
            """);
    TaskFile tasks = TaskFile.read(file);
    assertThat(tasks.names()).containsExactly("intent", "pair", "ner", "topics");
    assertThat(tasks.encoder()).isEqualTo("all-minilm-l6-v2");
    assertThat(tasks.modelType()).isEqualTo("BERT");
    assertThat(tasks.configName()).isEqualTo("bert-base-uncased");

    TaskDefinition intent = tasks.task("intent");
    assertThat(intent.spec())
        .isEqualTo(
            new TaskSpec(
                "intent",
                TaskType.SINGLE_SENTENCE_CLASSIFICATION,
                List.of("PlayMusic", "GetWeather"),
                "CrossEntropyLoss",
                1.0,
                List.of("classification_accuracy", "classification_f1_score"),
                0.05));
    assertThat(intent.line()).isEqualTo(1);
    assertThat(intent.files().file(Split.TEST)).contains(dir.resolve("a_test.tsv"));

    TaskSpec pair = tasks.task("pair").spec();
    assertThat(pair.labels()).containsExactly("0", "1", "2");
    assertThat(pair.loss()).isEqualTo("CrossEntropyLoss");
    assertThat(pair.metrics()).containsExactly("classification_accuracy");
    assertThat(pair.dropout()).isEqualTo(0.2);
    assertThat(pair.lossWeight()).isEqualTo(0.5);
    assertThat(tasks.task("pair").files().dev()).isNull();

    TaskDefinition ner = tasks.task("ner");
    assertThat(ner.spec().labels()).containsExactly("O", "B-artist", "I-artist");
    assertThat(ner.loss()).isEqualTo(LossType.NER);
    assertThat(ner.line()).isEqualTo(15);
    assertThat(ner.files().file(Split.DEV)).contains(dir.resolve("n_dev.tsv"));
    assertThat(ner.files().file(Split.TEST)).isEmpty();

    TaskSpec topics = tasks.task("topics").spec();
    assertThat(topics.type()).isEqualTo(TaskType.MULTI_LABEL_CLASSIFICATION);
    assertThat(topics.loss()).isEqualTo("BCEWithLogitsLoss");
    assertThat(topics.metrics()).containsExactly("multilabel_micro_f1");
  }

  @Test
  void metricsAreTheMetricsModulesNames() throws IOException {
    TaskFile tasks =
        TaskFile.read(
            write(
                """
                a:
                  task_type: MultiLabelClassification
                  file_names: [p.tsv]
                  class_num: 3
                  metrics: [multilabel_macro_f1, MULTILABEL_SUBSET_ACCURACY, classification_accuracy]
                b:
                  task_type: SingleSenClassification
                  file_names: [p.tsv]
                  class_num: 2
                  metrics: [classification_recall_score, classification_macro_f1]
                """));
    assertThat(tasks.task("a").spec().metrics())
        .containsExactly(
            "multilabel_macro_f1", "multilabel_subset_accuracy", "classification_accuracy");
    assertThat(tasks.task("b").spec().metrics())
        .containsExactly("classification_recall_score", "classification_macro_f1");
  }

  @Test
  void encoderFolderIsResolvedAgainstTheTaskFile() throws IOException {
    Files.createDirectory(dir.resolve("my-bert"));
    TaskFile tasks =
        TaskFile.read(
            write(
                """
                a:
                  task_type: SingleSenClassification
                  file_names: [p.tsv]
                  class_num: 2
                  encoder: my-bert
                """));
    assertThat(tasks.encoder()).isEqualTo(dir.resolve("my-bert").toString());
  }

  @Test
  void labelsKeepTheirSpelling() throws IOException {
    TaskFile tasks =
        TaskFile.read(
            write(
                """
                a:
                  task_type: SingleSenClassification
                  file_names: [p.tsv]
                  label_map_or_file: [yes, no, "on", Off, 1, 2.50, null_label, ~x]
                """));
    assertThat(tasks.task("a").spec().labels())
        .containsExactly("yes", "no", "on", "Off", "1", "2.50", "null_label", "~x");
  }

  @Test
  void unknownKeyNamesFileTaskAndLine() throws IOException {
    Path file =
        write(
            """
            a:
              task_type: SingleSenClassification
              file_names: [p.tsv]
              class_num: 2
              dropout: 0.1
            """);
    assertThatThrownBy(() -> TaskFile.read(file))
        .isInstanceOf(TaskFileException.class)
        .hasMessageStartingWith(file + ":5: task 'a': unknown key 'dropout'")
        .hasMessageContaining("dropout_prob");
  }

  @Test
  void badValuesNameTheirLine() throws IOException {
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
          dropout_prob: high
        """,
        ":5: task 'a': dropout_prob must be a number in [0, 1), got 'high'");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
          loss_weight: 0
        """,
        ":5: task 'a': loss_weight must be a number > 0");
    assertError(
        """
        a:
          task_type: NER
          loss_type: CrossEntropyLoss
          file_names: [p.tsv]
          label_map_or_file: [O, B-x]
        """,
        ":3: task 'a': loss_type CrossEntropyLoss does not fit task_type NER; use NERLoss");
    assertError(
        """
        a:
          task_type: NER
          file_names: [p.tsv]
          label_map_or_file: [O, B-x]
          metrics: [classification_accuracy]
        """,
        ":5: task 'a': metric 'classification_accuracy' cannot score a NER task");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
          metrics: [accuracy]
        """,
        ":5: task 'a': unknown metric 'accuracy'");
    assertError(
        """
        a:
          task_type: NER
          file_names: [p.tsv]
          class_num: 4
        """,
        ":4: task 'a': an NER task needs label_map_or_file");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 3
          label_map_or_file: [x, y]
        """,
        ":4: task 'a': class_num is 3 but label_map_or_file holds 2 labels");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          label_map_or_file: [x]
        """,
        ":1: task 'a': task a needs at least 2 labels");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
        """,
        ":1: task 'a': needs label_map_or_file");
    assertError(
        """
        a:
          file_names: [p.tsv]
          class_num: 2
        """,
        ":1: task 'a': missing required key 'task_type'");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
          model_type: GPT2
        """,
        ":5: task 'a': unknown model_type 'GPT2'");
    assertError(
        """
        bad-name:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
        """,
        ":1: task 'bad-name': a task name must start with a letter");
  }

  @Test
  void unknownTaskTypeNamesFileTaskAndLine() throws IOException {
    assertError(
        """
        intent:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
        slots:
          file_names: [p.tsv]
          task_type: Tagging
          class_num: 2
        """,
        ":7: task 'slots': unknown task_type 'Tagging'; expected one of SingleSenClassification,"
            + " SentencePairClassification, NER, MultiLabelClassification");
  }

  @Test
  void missingDataOrLabelFileNamesTheLine() throws IOException {
    assertError(
        """
        a:
          task_type: SingleSenClassification
          class_num: 2
          file_names: [p.tsv, nope.tsv]
        """,
        ":4: task 'a': file_names: dev file not found: " + dir.resolve("nope.tsv"));
    assertError(
        """
        a:
          task_type: NER
          file_names: [p.tsv]
          label_map_or_file: missing_tags.txt
        """,
        ":4: task 'a': label_map_or_file: no such file " + dir.resolve("missing_tags.txt"));
  }

  @Test
  void theOriginalsJoblibLabelMapsAreExplained() throws IOException {
    Files.writeString(dir.resolve("ner_label_map.joblib"), "\u0080\u0003}q");
    assertError(
        """
        a:
          task_type: NER
          file_names: [p.tsv]
          label_map_or_file: ner_label_map.joblib
        """,
        ":4: task 'a': label_map_or_file: ner_label_map.joblib is a Python joblib pickle;");
  }

  @Test
  void repeatedLabelInALabelFileNamesBothFiles() throws IOException {
    Files.writeString(dir.resolve("dup.txt"), "O\nB-x\nO\n");
    assertError(
        """
        a:
          task_type: NER
          file_names: [p.tsv]
          label_map_or_file: dup.txt
        """,
        ":4: task 'a': label file " + dir.resolve("dup.txt") + ":3: label 'O' repeated");
  }

  @Test
  void encoderMustAgreeAcrossTasks() throws IOException {
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
          encoder: bert-tiny
        b:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
          encoder: roberta-tiny
        """,
        ":10: task 'b': encoder 'roberta-tiny' differs from 'bert-tiny' set by task 'a' (line 5)");
  }

  @Test
  void fileLevelErrors() throws IOException {
    assertError("", ":1: empty task file");
    assertError("- a\n- b\n", ":1: expected a mapping from task names");
    assertError("a:\n  metrics: [x, y\n", ": not valid YAML");
    assertError("a: 3\n", ":1: task 'a': expected the task's settings");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          task_type: NER
        """,
        ":3: task 'a': key 'task_type' given twice");
    assertError(
        """
        a:
          task_type: SingleSenClassification
          file_names: [p.tsv]
          class_num: 2
        a:
          task_type: NER
        """,
        ":5: task 'a': defined twice (first on line 1)");
    Path missing = dir.resolve("absent.yml");
    assertThatThrownBy(() -> TaskFile.read(missing)).hasMessage(missing + ": no such task file");
  }

  private void assertError(String yaml, String expected) throws IOException {
    Path file = write(yaml);
    assertThatThrownBy(() -> TaskFile.read(file))
        .isInstanceOf(TaskFileException.class)
        .hasMessageStartingWith(file + expected.substring(0, expected.indexOf(':', 1) + 1))
        .hasMessageContaining(expected);
  }
}

package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.data.DataFormatException;
import org.mtl4j.train.data.DataReader;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.train.tasks.TaskFileException;

/**
 * The bad inputs a user meets first, end to end from a task file: each error names the file and the
 * line to fix.
 */
class BadInputsTest {

  @TempDir Path dir;

  private Path tasks(String dataFile) throws IOException {
    Files.writeString(dir.resolve("intent_labels.txt"), "PlayMusic\nGetWeather\n");
    return Files.writeString(
        dir.resolve("tasks.yml"),
        """
        intent:
          task_type: SingleSenClassification
          file_names: [intent_train.tsv]
          label_map_or_file: intent_labels.txt
        ner:
          task_type: NER
          file_names: [%s]
          label_map_or_file: [O, B-artist, I-artist]
        """
            .formatted(dataFile));
  }

  @Test
  void emptyFile() throws IOException {
    Path data = Files.writeString(dir.resolve("intent_train.tsv"), "");
    TaskFile file = TaskFile.read(tasks("intent_train.tsv"));
    assertThatThrownBy(() -> DataReader.read(file.task("intent"), Split.TRAIN))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            data + ":1: empty file: no examples; expected lines like uid<TAB>label<TAB>sentence");
  }

  @Test
  void labelMissingFromTheLabelMap() throws IOException {
    Path data =
        Files.writeString(
            dir.resolve("intent_train.tsv"),
            "1\tPlayMusic\tplay jazz\n2\tBookRestaurant\ta table for two\n");
    TaskFile file = TaskFile.read(tasks("intent_train.tsv"));
    assertThatThrownBy(() -> DataReader.read(file.task("intent"), Split.TRAIN))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            data
                + ":2: label 'BookRestaurant' is not in task 'intent' label map"
                + " [PlayMusic, GetWeather]");
  }

  @Test
  void tagsAndWordsOfDifferentLengths() throws IOException {
    Files.writeString(dir.resolve("intent_train.tsv"), "1\tPlayMusic\tplay jazz\n");
    Path data =
        Files.writeString(
            dir.resolve("ner_train.tsv"),
            "1\t['O', 'B-artist']\t['play', 'daft']\n"
                + "2\t['O', 'B-artist']\t['play', 'daft', 'punk']\n");
    TaskFile file = TaskFile.read(tasks("ner_train.tsv"));
    assertThatThrownBy(() -> DataReader.read(file.task("ner"), Split.TRAIN))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(data + ":2: 2 tags for 3 words; every word needs one tag");
  }

  @Test
  void unknownTaskType() throws IOException {
    Path yml =
        Files.writeString(
            dir.resolve("tasks.yml"),
            """
            intent:
              task_type: SingleSentenceClassification
              file_names: [intent_train.tsv]
              class_num: 2
            """);
    assertThatThrownBy(() -> TaskFile.read(yml))
        .isInstanceOf(TaskFileException.class)
        .hasMessageStartingWith(
            yml
                + ":2: task 'intent': unknown task_type 'SingleSentenceClassification'; expected"
                + " one of SingleSenClassification,");
  }

  @Test
  void missingFile() throws IOException {
    Files.writeString(dir.resolve("intent_train.tsv"), "1\tPlayMusic\tplay jazz\n");
    Path yml = tasks("ner_train.tsv");
    assertThatThrownBy(() -> TaskFile.read(yml))
        .isInstanceOf(TaskFileException.class)
        .hasMessage(
            yml
                + ":7: task 'ner': file_names: train file not found: "
                + dir.resolve("ner_train.tsv"));
  }

  @Test
  void dataFileRemovedAfterTheTaskFileWasRead() throws IOException {
    Path data = Files.writeString(dir.resolve("intent_train.tsv"), "1\tPlayMusic\tplay jazz\n");
    Files.writeString(dir.resolve("ner_train.tsv"), "1\t['O']\t['x']\n");
    TaskFile file = TaskFile.read(tasks("ner_train.tsv"));
    Files.delete(data);
    assertThatThrownBy(() -> DataReader.read(file.task("intent"), Split.TRAIN))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(data + ": no such data file");
  }
}

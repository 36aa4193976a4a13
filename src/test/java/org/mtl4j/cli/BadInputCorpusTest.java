package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.export.TinyPackages;
import org.mtl4j.serve.ModelServer;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.io.Sha256;
import picocli.CommandLine;

/**
 * The bad-input corpus: every case is answered with exit code 2 (or an HTTP 4xx) and a message
 * naming what was wrong and where, without a stack trace, and leaves its folder exactly as it was
 * (every file's SHA-256 and the set of names are compared before and after). Each CLI case runs on
 * its own copy of a workspace holding a servable package ({@code pkg}: mtl.json, tokenizer.json,
 * model.onnx), a full package ({@code full}: weights, reference outputs and model.onnx), a task
 * file with data ({@code data}) and a few input files. {@code {dir}} in arguments and expected
 * messages stands for that copy.
 */
class BadInputCorpusTest {

  /** Changes a fresh workspace copy before a case runs. */
  @FunctionalInterface
  interface Setup {
    void apply(Path dir) throws IOException;
  }

  /** One CLI case. */
  record CliCase(String name, Setup setup, List<String> args, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One HTTP case against {@code POST /v1/predict} (or the method named). */
  record HttpCase(String name, String method, String body, int status, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path root;
  static Path base;
  static ModelServer server;

  @BeforeAll
  static void workspace() throws IOException {
    base = root.resolve("base");
    new TinyModel(4, FixtureTasks.ALL, MiniLmModel.VOCAB, true)
        .writePackage(base.resolve("pkg"), 32);
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    TinyPackages.random(
        base.resolve("full"),
        config,
        TinyPackages.THREE_TASKS,
        ProbeBatches.standard(config, 16, 3),
        16);
    CliRun export = CliRun.of("export", base.resolve("full").toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    TinyTasks.write(base.resolve("data"), 12, 4, 1);
    Files.writeString(base.resolve("in.jsonl"), "{\"text\": \"play jazz\"}\n{\"text\": \"play\n");
    Files.writeString(base.resolve("out.jsonl"), "previous output\n");
    Files.writeString(base.resolve("gold.tsv"), "0\tplay\tplay jazz\n1\tbook\tbook it\n");
    Files.writeString(base.resolve("pred.tsv"), "0\tplay\n1\tbook\n");
    Files.writeString(base.resolve("garbage.onnx"), "not a model");
    Files.createDirectories(base.resolve("snips"));
    Files.writeString(
        base.resolve("snips/train.txt"),
        "play O\njazz B-genre\nPlayMusic\n\nbad line with three words\n");
    Files.writeString(base.resolve("snips/dev.txt"), "play O\nPlayMusic\n");
    Files.writeString(base.resolve("snips/test.txt"), "play O\nPlayMusic\n");

    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            base.resolve("pkg").toString(),
            "--port",
            "0",
            "--threads",
            "1",
            "--max-body-bytes",
            "4000",
            "--max-inputs",
            "4");
    server = command.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliCase cli(String name, Setup setup, String args, String... expected) {
    return new CliCase(name, setup, Arrays.asList(args.split(" ")), List.of(expected));
  }

  private static CliCase cli(String name, String args, String... expected) {
    return cli(name, dir -> {}, args, expected);
  }

  private static Setup replace(String file, String from, String to) {
    return dir -> {
      Path p = dir.resolve(file);
      String text = Files.readString(p);
      assertThat(text).contains(from);
      Files.writeString(p, text.replace(from, to));
    };
  }

  private static Setup write(String file, String content) {
    return dir -> Files.writeString(dir.resolve(file), content);
  }

  private static Setup flipLastByte(String file) {
    return dir -> {
      byte[] bytes = Files.readAllBytes(dir.resolve(file));
      bytes[bytes.length - 1] ^= 0x01;
      Files.write(dir.resolve(file), bytes);
    };
  }

  private static Setup truncate(String file, int keep) {
    return dir ->
        Files.write(dir.resolve(file), Arrays.copyOf(Files.readAllBytes(dir.resolve(file)), keep));
  }

  static Stream<CliCase> cliCases() {
    String train =
        "train --tasks {dir}/data/tasks.yml --out {dir}/run --encoder tiny-bert --no-progress";
    return Stream.of(
        // usage
        cli("predict without a model", "predict --text a", "Missing required parameter"),
        cli(
            "predict with --text and --input",
            "predict {dir}/pkg --text a --input {dir}/in.jsonl",
            "mutually exclusive"),
        cli(
            "predict --text-b without --text",
            "predict {dir}/pkg --input {dir}/in.jsonl --text-b b",
            "--text-b needs --text"),
        cli(
            "predict --threads 0",
            "predict {dir}/pkg --text a --threads 0",
            "--threads must be at least 1, was 0"),
        cli(
            "predict unknown --opt-level",
            "predict {dir}/pkg --text a --opt-level FAST",
            "--opt-level",
            "FAST"),
        cli(
            "predict unknown --provider",
            "predict {dir}/pkg --text a --provider TPU",
            "--provider",
            "TPU"),
        cli(
            "predict an unknown task",
            "predict {dir}/pkg --text a --tasks nope",
            "unknown task 'nope'"),
        cli(
            "predict a missing folder",
            "predict {dir}/nothing --text a",
            "{dir}/nothing does not exist"),
        cli(
            "predict a missing input file",
            "predict {dir}/pkg --input {dir}/missing.jsonl",
            "no such file: {dir}/missing.jsonl"),
        cli(
            "predict an input line that is not JSON",
            "predict {dir}/pkg --input {dir}/in.jsonl -o {dir}/out.jsonl",
            "{dir}/in.jsonl:2: not JSON"),
        cli(
            "predict an input line without text",
            write("in.jsonl", "{\"txt\": \"a\"}\n"),
            "predict {dir}/pkg --input {dir}/in.jsonl -o {dir}/new.jsonl",
            "{dir}/in.jsonl:1: expected {\"text\""),
        cli(
            "predict text_b that is no string",
            write("in.jsonl", "{\"text\": \"a\", \"text_b\": 3}\n"),
            "predict {dir}/pkg --input {dir}/in.jsonl",
            "{dir}/in.jsonl:1: \"text_b\" must be a string"),
        cli(
            "serve --port out of range",
            "serve {dir}/pkg --port 70000",
            "--port must be between 0 and 65535, was 70000"),
        // package files
        cli(
            "predict a flipped byte in model.onnx",
            flipLastByte("pkg/model.onnx"),
            "predict {dir}/pkg --text a",
            "{dir}/pkg/model.onnx: sha256",
            "--no-verify"),
        cli(
            "predict a changed tokenizer.json",
            replace("pkg/tokenizer.json", "[UNK]", "[UNX]"),
            "predict {dir}/pkg --text a",
            "{dir}/pkg/tokenizer.json: sha256"),
        cli(
            "predict a package without model.onnx",
            dir -> Files.delete(dir.resolve("pkg/model.onnx")),
            "predict {dir}/pkg --text a",
            "has no model.onnx; export it first"),
        cli(
            "predict a manifest that is not JSON",
            write("pkg/mtl.json", "{\"formatVersion\": "),
            "predict {dir}/pkg --text a",
            "invalid manifest in {dir}/pkg/mtl.json"),
        cli(
            "predict a manifest of a future format",
            replace("pkg/mtl.json", "\"formatVersion\" : 2", "\"formatVersion\" : 99"),
            "predict {dir}/pkg --text a",
            "{dir}/pkg/mtl.json",
            "formatVersion 99 is not supported"),
        cli(
            "predict a manifest with an unknown field",
            replace("pkg/mtl.json", "\"formatVersion\"", "\"colour\" : 1, \"formatVersion\""),
            "predict {dir}/pkg --text a",
            "invalid manifest in {dir}/pkg/mtl.json",
            "colour"),
        cli(
            "predict a manifest naming a file outside the package",
            replace(
                "pkg/mtl.json",
                "\"tokenizer.json\" : \"",
                "\"../base.json\" : \"0\", \"tokenizer.json\" : \""),
            "predict {dir}/pkg --text a",
            "'../base.json' points outside the package"),
        cli(
            "predict a manifest with a malformed checksum",
            replace(
                "pkg/mtl.json",
                "\"model.onnx\" : {\n      \"sha256\" : \"",
                "\"model.onnx\" : {\n      \"sha256\" : \"xyz"),
            "predict {dir}/pkg --text a",
            "{dir}/pkg/mtl.json",
            "is not a lowercase hex SHA-256"),
        cli(
            "predict a truncated model.onnx without verifying",
            truncate("pkg/model.onnx", 200),
            "predict {dir}/pkg --text a --no-verify",
            "{dir}/pkg/model.onnx"),
        cli(
            "predict a file that is no ONNX model",
            "predict {dir}/garbage.onnx --text a",
            "{dir}/garbage.onnx"),
        cli(
            "inspect a file that is no ONNX model",
            "inspect {dir}/garbage.onnx",
            "{dir}/garbage.onnx",
            "not a valid ONNX model"),
        cli(
            "export a folder that is no package",
            "export {dir}/data",
            "{dir}/data is not a model package: it has no mtl.json"),
        cli(
            "export an unknown task",
            "export {dir}/full --tasks nope",
            "the package has no task 'nope'"),
        cli(
            "export a subset of the tasks over the package's own model.onnx",
            "export {dir}/full --tasks intent",
            "{dir}/full/model.onnx must hold every task",
            "--out"),
        cli(
            "export changed weights",
            flipLastByte("full/weights.safetensors"),
            "export {dir}/full",
            "{dir}/full/weights.safetensors: sha256"),
        cli(
            "export truncated weights without verifying",
            truncate("full/weights.safetensors", 100),
            "export {dir}/full --no-verify",
            "{dir}/full/weights.safetensors"),
        cli(
            "validate a flipped byte in model.onnx",
            flipLastByte("full/model.onnx"),
            "validate {dir}/full",
            "{dir}/full/model.onnx: sha256"),
        cli(
            "validate a model with no package",
            "validate {dir}/garbage.onnx",
            "no model package with reference outputs found for {dir}/garbage.onnx"),
        cli(
            "eval changed weights",
            flipLastByte("full/weights.safetensors"),
            "eval {dir}/full",
            "{dir}/full/weights.safetensors: sha256"),
        // task files and data
        cli(
            "train a missing task file",
            "train --tasks {dir}/nope.yml --out {dir}/run --encoder tiny-bert",
            "{dir}/nope.yml: no such task file"),
        cli(
            "train a task file that is not YAML",
            write("data/tasks.yml", "intent: [unclosed\n"),
            train,
            "{dir}/data/tasks.yml:1: task 'intent': expected the task's settings as a mapping"),
        cli(
            "train a task file with a YAML syntax error",
            write("data/tasks.yml", "intent:\n  task_type: \"NER\n"),
            train,
            "{dir}/data/tasks.yml:",
            "not valid YAML"),
        cli(
            "train a task file with an unknown key",
            replace("data/tasks.yml", "dropout_prob: 0.1", "dropout_prob: 0.1\n    colour: blue"),
            train,
            "{dir}/data/tasks.yml:",
            "colour"),
        cli(
            "train an unknown task type",
            replace("data/tasks.yml", "task_type: NER", "task_type: Tagging"),
            train,
            "{dir}/data/tasks.yml:",
            "task 'ner'",
            "Tagging"),
        cli(
            "train a missing data file",
            replace("data/tasks.yml", "ner_dev.tsv", "ner_nope.tsv"),
            train,
            "{dir}/data/tasks.yml:",
            "ner_nope.tsv"),
        cli(
            "train a dropout that is no number",
            replace("data/tasks.yml", "dropout_prob: 0.1", "dropout_prob: lots"),
            train,
            "{dir}/data/tasks.yml:",
            "dropout_prob"),
        cli(
            "train a label the task does not know",
            write("data/intent_train.tsv", "0\tplay\tplay jazz\n1\tdance\tdance now\n"),
            train,
            "{dir}/data/intent_train.tsv:2:",
            "dance"),
        cli(
            "train NER tags that do not match the words",
            write("data/ner_train.tsv", "0\t['O', 'B-genre']\t['play']\n"),
            train,
            "{dir}/data/ner_train.tsv:1:"),
        cli(
            "train a malformed list literal",
            write("data/ner_train.tsv", "0\t['O', 'B-genre'\t['play', 'jazz']\n"),
            train,
            "{dir}/data/ner_train.tsv:1:"),
        cli(
            "train data that is not UTF-8",
            dir ->
                Files.write(
                    dir.resolve("data/intent_train.tsv"),
                    new byte[] {'0', '\t', 'p', 'l', 'a', 'y', '\t', (byte) 0xff, '\n'}),
            train,
            "{dir}/data/intent_train.tsv:1: not valid UTF-8"),
        cli("train --epochs 0", train + " --epochs 0", "epochs must be at least 1, was 0"),
        cli(
            "train into a folder that is not empty",
            dir -> Files.createDirectories(dir.resolve("run/keep")),
            train,
            "{dir}/run is not empty"),
        cli(
            "train --resume with no checkpoint",
            dir -> Files.createDirectories(dir.resolve("run")),
            train + " --resume",
            "{dir}/run holds no checkpoint"),
        // other readers
        cli(
            "score an unknown metric",
            "score --metrics nope --gold {dir}/gold.tsv --pred {dir}/pred.tsv",
            "nope"),
        cli(
            "score a malformed tag list",
            write("pred.tsv", "0\t['B-x', 'O'\n"),
            "score --metrics seqeval_f1_score --gold {dir}/gold.tsv --pred {dir}/pred.tsv",
            "{dir}/pred.tsv"),
        cli("transform an unknown format", "transform csv {dir}/snips {dir}/out", "csv"),
        cli(
            "transform a malformed corpus line",
            "transform snips {dir}/snips {dir}/data",
            "{dir}/snips/train.txt:5"),
        cli(
            "forward a JSONL line without text",
            write("in.jsonl", "{\"t\": 1}\n"),
            "forward {dir}/full --input {dir}/in.jsonl --output {dir}/out.json",
            "{dir}/in.jsonl:1"),
        cli(
            "convert an unknown source",
            "convert nowhere-model --out {dir}/conv",
            "nowhere-model"));
  }

  static Stream<HttpCase> httpCases() {
    return Stream.of(
        new HttpCase("body that is not JSON", "POST", "not json", 400, "error"),
        new HttpCase("texts that is not a list", "POST", "{\"texts\": \"a\"}", 400, "texts"),
        new HttpCase("a text that is not a string", "POST", "{\"texts\": [1]}", 400, "texts"),
        new HttpCase(
            "an unknown task",
            "POST",
            "{\"texts\": [\"a\"], \"tasks\": [\"nope\"]}",
            400,
            "unknown task 'nope'"),
        new HttpCase("a pair of one text", "POST", "{\"pairs\": [[\"a\"]]}", 400, "pairs"),
        new HttpCase(
            "texts and pairs together",
            "POST",
            "{\"texts\": [\"a\"], \"pairs\": [[\"a\", \"b\"]]}",
            400,
            "error"),
        new HttpCase(
            "more inputs than allowed",
            "POST",
            "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}",
            400,
            "the limit is 4"),
        new HttpCase(
            "a body over the limit",
            "POST",
            "{\"texts\": [\"" + "x".repeat(5000) + "\"]}",
            413,
            "exceeds 4000 bytes"),
        new HttpCase(
            "GET on the predict route",
            "GET",
            null,
            405,
            "method GET is not allowed on /v1/predict"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cliCases")
  void cliCaseExitsTwoNamingTheProblemAndChangesNothing(CliCase c, @TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("ws");
    copy(base, dir);
    c.setup().apply(dir);
    Map<String, String> before = snapshot(dir);
    String[] args =
        c.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isEqualTo(2);
    for (String expected : c.expected()) {
      assertThat(run.err()).contains(expected.replace("{dir}", dir.toString()));
    }
    assertNoStackTrace(run.err());
    assertThat(snapshot(dir)).as("files after the failed command").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpCases")
  void httpCaseIsAnsweredWithA4xxNamingTheProblem(HttpCase c) throws Exception {
    Map<String, String> before = snapshot(base);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/predict"));
    request =
        c.body() == null
            ? request.GET()
            : request.POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.body()).contains("\"error\"").contains(c.expected());
    assertNoStackTrace(response.body());
    assertThat(snapshot(base)).isEqualTo(before);
  }

  private static void assertNoStackTrace(String text) {
    assertThat(text)
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread")
        .doesNotContain("Caused by:");
  }

  /** Every file under a folder with its SHA-256 (folders as "dir"). */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Sha256.of(p));
      }
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

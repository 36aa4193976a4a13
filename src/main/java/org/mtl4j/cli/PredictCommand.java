package org.mtl4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mtl4j.runtime.ExecutionProvider;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.OptimizationLevel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.ProviderFallback;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.zoo.io.AtomicFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtl predict}: typed predictions for texts or pairs, one JSON line per input. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Predicts every task (or --tasks) for a text, a pair, or a JSONL file of inputs.",
      "Prints one JSON line per input: {\"task\": result, ...}. Input lines are",
      "{\"text\": T} or {\"text\": T, \"text_b\": T2}."
    })
public final class PredictCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 32;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PKG|MODEL",
      description = "package directory or exported .onnx")
  Path model;

  @Option(
      names = "--tasks",
      split = ",",
      paramLabel = "TASK",
      description = "tasks to predict (default: all that fit the input)")
  List<String> tasks = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--text", paramLabel = "T", description = "the text (first text of a pair)")
    String text;

    @Option(
        names = "--input",
        paramLabel = "IN.jsonl",
        description = "JSON lines with text and optional text_b")
    Path input;
  }

  @Option(
      names = "--text-b",
      paramLabel = "T2",
      description = "second text of a pair (with --text)")
  String textB;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.jsonl",
      description = "write here instead of stdout (atomically)")
  Path output;

  @ArgGroup(exclusive = false, heading = "%nRuntime options:%n")
  ModelOptions runtime = new ModelOptions();

  @Mixin VerifyOption checksums = new VerifyOption();

  /** Options shared by predict and serve: threads, optimisation level, execution provider. */
  static final class ModelOptions {
    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "intra-op threads (default: processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
        names = "--opt-level",
        paramLabel = "LEVEL",
        description = "graph optimisation: ${COMPLETION-CANDIDATES} (default ALL)")
    OptimizationLevel optLevel = OptimizationLevel.ALL;

    @Option(
        names = "--provider",
        paramLabel = "EP",
        description = "execution provider: ${COMPLETION-CANDIDATES} (default CPU)")
    ExecutionProvider.Kind provider = ExecutionProvider.Kind.CPU;

    @Option(
        names = "--provider-option",
        paramLabel = "KEY=VALUE",
        description = "provider option, e.g. device_id=0, trt_fp16_enable=1")
    Map<String, String> providerOptions = new LinkedHashMap<>();

    @Option(
        names = "--require-provider",
        description = "fail instead of falling back to CPU when the provider cannot load")
    boolean requireProvider;

    RuntimeOptions toOptions(InferenceListener listener, VerifyOption checksums) {
      if (threads < 1) {
        throw new UsageException("--threads must be at least 1, was " + threads);
      }
      return RuntimeOptions.builder()
          .optIntraOpThreads(threads)
          .optOptimizationLevel(optLevel)
          .optProvider(new ExecutionProvider(provider, providerOptions))
          .optFallback(requireProvider ? ProviderFallback.FAIL : ProviderFallback.CPU_WITH_WARNING)
          .optListener(listener)
          .optVerifyChecksums(checksums.verify())
          .build();
    }
  }

  @Override
  public Integer call() throws IOException {
    if (textB != null && source.text == null) {
      throw new UsageException("--text-b needs --text");
    }
    try (MtlModel loaded =
        MtlModel.load(model, runtime.toOptions(InferenceListener.NONE, checksums))) {
      if (output == null) {
        PrintWriter out = spec.commandLine().getOut();
        predictAll(loaded, out);
        out.flush();
      } else {
        writeAtomically(loaded);
      }
    }
    return ExitCodes.OK;
  }

  private void writeAtomically(MtlModel loaded) {
    AtomicFiles.write(
        output,
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          predictAll(loaded, writer);
          writer.flush();
        });
  }

  private void predictAll(MtlModel loaded, Writer out) throws IOException {
    if (source.text != null) {
      ModelInput input =
          textB == null ? ModelInput.of(source.text) : ModelInput.pair(source.text, textB);
      writeLine(out, loaded.predict(input, tasks));
      return;
    }
    try (BufferedReader reader = Files.newBufferedReader(source.input, StandardCharsets.UTF_8)) {
      List<ModelInput> chunk = new ArrayList<>(CHUNK);
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        chunk.add(parseLine(line, number));
        if (chunk.size() == CHUNK) {
          flush(loaded, chunk, out);
        }
      }
      flush(loaded, chunk, out);
    }
  }

  private void flush(MtlModel loaded, List<ModelInput> chunk, Writer out) throws IOException {
    for (Prediction p : loaded.predictBatch(chunk, tasks)) {
      writeLine(out, p);
    }
    chunk.clear();
  }

  private ModelInput parseLine(String line, int number) {
    String where = source.input + ":" + number;
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UsageException(where + ": not JSON: " + e.getOriginalMessage());
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      throw new UsageException(
          where + ": expected {\"text\": \"...\"} with an optional \"text_b\"");
    }
    JsonNode textB = node.get("text_b");
    if (textB != null && !textB.isTextual()) {
      throw new UsageException(where + ": \"text_b\" must be a string");
    }
    return textB == null
        ? ModelInput.of(text.asText())
        : ModelInput.pair(text.asText(), textB.asText());
  }

  private static void writeLine(Writer out, Prediction prediction) throws IOException {
    out.write(JSON.writeValueAsString(prediction));
    out.write('\n');
  }
}

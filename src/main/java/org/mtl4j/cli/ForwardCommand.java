package org.mtl4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.encoder.EncoderBlocks;
import org.mtl4j.train.encoder.TensorJson;
import org.mtl4j.train.encoder.TextInput;
import org.mtl4j.train.encoder.TextInputs;
import org.mtl4j.train.encoder.TokenBatch;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.TaskSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl forward}: the training framework's forward pass in eval mode on a batch of texts,
 * written with its inputs as JSON, the reference that exported graphs are compared against.
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an encoder's forward pass in eval mode (no dropout) on one batch, padded to its"
          + " longest input, and writes inputs and outputs as JSON:",
      "{\"inputs\": {name: {\"shape\": [...], \"data\": [flat, row-major]}}, \"outputs\": {...}}."
    })
public final class ForwardCommand implements Callable<Integer> {

  /** The frameworks that can run the forward pass. */
  enum Engine {
    djl,
    onnx
  }

  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "a HuggingFace checkpoint folder, a pretrained name, or a model package"
              + " (whose every head's <task>.logits are written too)")
  String source;

  @Option(
      names = "--engine",
      defaultValue = "djl",
      description =
          "the framework: ${COMPLETION-CANDIDATES} (djl: DJL's PyTorch engine, default; onnx: ONNX Runtime on the exported graph)")
  Engine engine;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Inputs inputs;

  /** Where the texts come from. */
  static final class Inputs {
    @Option(names = "--text", arity = "1..*", paramLabel = "T", description = "texts to encode")
    List<String> texts;

    @Option(
        names = "--input",
        paramLabel = "FILE.jsonl",
        description = "one {\"text\": ..., \"text_b\": ...} object per line")
    Path file;
  }

  @Option(
      names = "--pair",
      description =
          "encode sentence pairs: --text takes T A B ... as (A, B) pairs; --input lines need"
              + " text_b")
  boolean pair;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT.json",
      description = "file to write")
  Path output;

  @Option(names = "--json", description = "print the summary as JSON")
  boolean json;

  @Mixin VerifyOption checksums = new VerifyOption();

  @Spec CommandSpec spec;

  private List<String> heads = List.of();

  @Override
  public Integer call() {
    List<TextInput> texts =
        inputs.file != null
            ? TextInputs.readJsonl(inputs.file, pair)
            : TextInputs.of(inputs.texts, pair);
    Path packageDir = Path.of(source);
    boolean isPackage = Files.isRegularFile(packageDir.resolve(Manifest.FILE_NAME));
    ModelPackage opened = isPackage ? checksums.open(packageDir) : null;
    EncoderCheckpoint checkpoint =
        isPackage ? EncoderSources.fromPackage(opened) : EncoderSources.load(source);
    long[] shape;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      TokenBatch batch = TokenBatch.encode(checkpoint.tokenizerJson(), checkpoint.config(), texts);
      boolean types = checkpoint.config().family().usesTokenTypeIds();
      NDList in = batch.toNDList(manager, types);
      Map<String, NDArray> named = new LinkedHashMap<>();
      List<String> inputNames = OnnxContract.inputs(types);
      for (int i = 0; i < in.size(); i++) {
        named.put(inputNames.get(i), in.get(i));
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put("source", checkpoint.source());
      metadata.put("engine", engine.name());
      metadata.put("family", checkpoint.config().family().modelType());
      if (engine == Engine.onnx) {
        ModelPackage pkg = opened;
        Map<String, NDArray> outputs = OnnxForward.outputs(checkpoint, pkg, batch, manager);
        TensorJson.write(output, metadata, named, outputs);
        shape = outputs.get(OnnxContract.LAST_HIDDEN_STATE).getShape().getShape();
        heads =
            pkg == null
                ? List.of()
                : pkg.manifest().tasks().stream().map(TaskSpec::outputName).toList();
      } else if (isPackage) {
        ModelPackage pkg = opened;
        try (MultiTaskModel model =
            MultiTaskModel.of(
                pkg.encoderConfig(), pkg.manifest().tasks(), pkg.readWeights(), source)) {
          Map<String, NDArray> outputs = model.outputs(in);
          TensorJson.write(output, metadata, named, outputs);
          shape = outputs.get(OnnxContract.LAST_HIDDEN_STATE).getShape().getShape();
          heads = pkg.manifest().tasks().stream().map(TaskSpec::outputName).toList();
        }
      } else {
        EncoderBlock block = EncoderBlocks.of(checkpoint, manager);
        NDArray hidden = block.forward(new ParameterStore(manager, false), in, false).get(0);
        TensorJson.write(output, metadata, named, Map.of(OnnxContract.LAST_HIDDEN_STATE, hidden));
        shape = hidden.getShape().getShape();
      }
    }
    printSummary(checkpoint, texts.size(), shape);
    return ExitCodes.OK;
  }

  private void printSummary(EncoderCheckpoint checkpoint, int count, long[] shape) {
    String family = checkpoint.config().family().modelType();
    if (json) {
      ObjectNode summary = JsonNodeFactory.instance.objectNode();
      summary.put("output", output.toString());
      summary.put("engine", engine.name());
      summary.put("family", family);
      summary.put("inputs", count);
      ArrayNode dims = summary.putArray(OnnxContract.LAST_HIDDEN_STATE);
      Arrays.stream(shape).forEach(dims::add);
      ArrayNode logits = summary.putArray("heads");
      heads.forEach(logits::add);
      spec.commandLine().getOut().println(summary.toPrettyString());
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: last_hidden_state %s%s for %d input(s) (%s, %s)%n",
              output,
              Arrays.toString(shape),
              heads.isEmpty() ? "" : " and " + String.join(", ", heads),
              count,
              family,
              engine);
    }
  }
}

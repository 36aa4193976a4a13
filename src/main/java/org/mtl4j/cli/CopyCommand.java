package org.mtl4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.graph.io.WrittenModel;
import org.mtl4j.graph.ir.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl copy IN.onnx OUT.onnx [--external-data]}: reads a model into the IR, checks it and
 * writes it back atomically, moving the weights into an external-data file or back inline.
 */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description =
        "Rewrite an ONNX model through mtl4j, moving weights into or out of external data.")
public final class CopyCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN.onnx", description = "the model to read")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT.onnx", description = "where to write the copy")
  Path out;

  @Option(
      names = "--external-data",
      description =
          "store weights of 1 KiB or more in an external-data file beside OUT"
              + " (otherwise inline, unless the model passes protobuf's 2 GiB limit)")
  boolean externalData;

  @Option(
      names = "--location",
      paramLabel = "FILE",
      description =
          "name of the external-data file, relative to OUT's folder"
              + " (default: OUT's file name + .data)")
  String location;

  @Option(names = "--json", description = "print what was written as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (location != null && !externalData) {
      throw new UsageException("--location needs --external-data");
    }
    Model model = ModelChecker.requireValid(OnnxReader.read(in));
    WriteOptions options = WriteOptions.inline().withExternalData(externalData);
    if (location != null) {
      options = options.withLocation(location);
    }
    WrittenModel written = OnnxWriter.write(model, out, options);

    Path dataFile = written.externalData().orElse(null);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("output", written.file().toString());
    report.put("bytes", Files.size(written.file()));
    report.put("externalData", dataFile == null ? null : dataFile.toString());
    report.put("externalDataBytes", dataFile == null ? 0L : Files.size(dataFile));
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      w.printf("wrote %s (%s)%n", written.file(), InspectCommand.bytes(Files.size(written.file())));
      if (dataFile != null) {
        w.printf("  and %s (%s)%n", dataFile, InspectCommand.bytes(Files.size(dataFile)));
      }
    }
    w.flush();
    return ExitCodes.OK;
  }
}

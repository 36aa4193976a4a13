package org.mtl4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.mtl4j.runtime.ModelLoadException;

/**
 * Turns a model location into local files: a local path as it is, a name shipped with {@code
 * spark-submit --files} from the executor's work directory, anything else copied from its Hadoop
 * file system into a temporary directory removed at JVM exit. Also fingerprints local model files.
 */
final class ModelFiles {

  /** A scheme of two or more characters followed by a slash ({@code hdfs:/}, {@code s3a://}). */
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/");

  private ModelFiles() {}

  /**
   * @param location a path or URI of a package directory or an {@code .onnx} file
   * @param hadoopConf Hadoop configuration entries for non-local locations
   * @return the local package directory or {@code .onnx} file
   * @throws ModelLoadException when the location is found nowhere or cannot be copied
   */
  static Path localize(String location, Map<String, String> hadoopConf) {
    Path local = localPath(location);
    if (local != null) {
      if (Files.exists(local)) {
        return local;
      }
      Path shipped = shipped(local.getFileName().toString());
      if (shipped != null) {
        return shipped;
      }
    }
    return copyFromHadoop(location, hadoopConf);
  }

  /** A plain path or a {@code file:} URI as a local path; null for other schemes. */
  private static Path localPath(String location) {
    if (location.startsWith("file:")) {
      return Paths.get(URI.create(location));
    }
    return URI_SCHEME.matcher(location).lookingAt() ? null : Paths.get(location);
  }

  private static Path shipped(String name) {
    if (SparkEnv.get() == null) {
      return null;
    }
    Path path = Paths.get(SparkFiles.get(name));
    return Files.exists(path) ? path : null;
  }

  private static Path copyFromHadoop(String location, Map<String, String> hadoopConf) {
    Configuration conf = new Configuration(false);
    hadoopConf.forEach(conf::set);
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(location);
    try {
      FileSystem fs = source.getFileSystem(conf);
      if (!fs.exists(source)) {
        throw new ModelLoadException(
            "model "
                + location
                + " not found: it is neither a local path, nor a file shipped"
                + " with --files, nor present on "
                + fs.getUri());
      }
      Path target = Files.createTempDirectory("mtl4j-model");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtil.fullyDelete(target.toFile())));
      Path local = target.resolve(source.getName());
      FileUtil.copy(fs, source, local.toFile(), false, conf);
      return local;
    } catch (IOException e) {
      throw new ModelLoadException(
          "cannot copy model " + location + " to local disk: " + e.getMessage(), e);
    }
  }

  /**
   * @param path a local package directory or {@code .onnx} file
   * @return the SHA-256 of every regular file under it, in path order, with their relative names
   */
  static String checksum(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Path file : files) {
        digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(file)) {
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model files under " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

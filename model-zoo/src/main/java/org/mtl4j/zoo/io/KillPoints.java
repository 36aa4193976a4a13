package org.mtl4j.zoo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named steps of the file writers (a temporary file forced, a rename done, a manifest rewritten)
 * where a crash test can hold the process and kill it with SIGKILL. Off unless the system property
 * {@code mtl4j.killpoint} names a step as {@code STEP} or {@code STEP#N} (its N-th passage,
 * counting from 1): the process then writes the file named by {@code mtl4j.killpoint.marker} and
 * waits there until it is killed. Off, a passage costs one field read.
 */
public final class KillPoints {

  private static final String STEP = System.getProperty("mtl4j.killpoint");
  private static final String MARKER = System.getProperty("mtl4j.killpoint.marker");
  private static int passages;

  private KillPoints() {}

  /**
   * Marks a step; holds the process there when a crash test asked for this step.
   *
   * @param step the step's name, e.g. {@code rename.after:mtl.json}
   */
  public static void reached(String step) {
    if (STEP == null) {
      return;
    }
    hold(step);
  }

  private static synchronized void hold(String step) {
    int hash = STEP.lastIndexOf('#');
    String name = hash < 0 ? STEP : STEP.substring(0, hash);
    int wanted = hash < 0 ? 1 : Integer.parseInt(STEP.substring(hash + 1));
    if (!name.equals(step) || ++passages != wanted) {
      return;
    }
    try {
      Files.writeString(Path.of(MARKER), step);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kill-point marker " + MARKER, e);
    }
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep holding: only the crash test's SIGKILL ends this process
      }
    }
  }
}

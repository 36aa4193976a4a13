package org.mtl4j.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Reports the mtl4j version recorded in the jar manifest, or "development" when run from classes.
 */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = MtlCommand.class.getPackage().getImplementationVersion();
    return new String[] {"mtl4j " + (version == null ? "development" : version)};
  }
}

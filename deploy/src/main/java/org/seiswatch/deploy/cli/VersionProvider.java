package org.seiswatch.deploy.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version from the jar manifest (set by the build), or "development" when run from
 * classes.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"seiswatch " + (version == null ? "development" : version)};
  }
}

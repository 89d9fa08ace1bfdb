package org.seiswatch.ingest.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.seiswatch.common.error.ConfigurationException;

/**
 * Turns the files and directories given on the command line into a sorted list of regular files. A
 * file named explicitly is always taken; a directory is walked recursively (following links, as SDS
 * archives often use them) and contributes only the files its filter accepts. Hidden files and
 * directories (name starting with '.') are skipped. Every missing or unreadable path is a {@link
 * ConfigurationException} naming it.
 */
public final class InputFiles {
  /**
   * Extensions that are never waveform data, skipped inside directories (documentation, metadata
   * and tables that sit next to waveforms, e.g. in the bundled demo event).
   */
  public static final Set<String> NON_DATA_EXTENSIONS =
      Set.of(
          "xml",
          "md",
          "csv",
          "json",
          "txt",
          "html",
          "htm",
          "pdf",
          "png",
          "jpg",
          "jpeg",
          "yaml",
          "yml",
          "log",
          "sh",
          "properties");

  private InputFiles() {}

  /**
   * miniSEED inputs: everything except hidden files and {@link #NON_DATA_EXTENSIONS}; files without
   * an extension (SDS archives) are taken.
   */
  public static List<Path> miniSeed(Collection<Path> inputs) {
    return resolve(
        inputs,
        file -> !NON_DATA_EXTENSIONS.contains(extension(file)),
        "miniSEED",
        "hidden files and " + new TreeSet<>(NON_DATA_EXTENSIONS) + " files are skipped");
  }

  /** StationXML inputs: files ending in {@code .xml} (any case). */
  public static List<Path> stationXml(Collection<Path> inputs) {
    return resolve(
        inputs, file -> "xml".equals(extension(file)), "StationXML", "only *.xml files are read");
  }

  private static List<Path> resolve(
      Collection<Path> inputs, Predicate<Path> accept, String what, String rule) {
    Set<Path> files = new TreeSet<>();
    for (Path input : inputs) {
      Path path = input.toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        throw new ConfigurationException(what + " input " + input + " does not exist");
      }
      if (!Files.isReadable(path)) {
        throw new ConfigurationException(what + " input " + input + " is not readable");
      }
      if (Files.isDirectory(path)) {
        List<Path> found = walk(path, accept, what);
        if (found.isEmpty()) {
          throw new ConfigurationException(
              "no " + what + " files in directory " + input + " (" + rule + ")");
        }
        files.addAll(found);
      } else {
        files.add(path);
      }
    }
    return new ArrayList<>(files);
  }

  private static List<Path> walk(Path dir, Predicate<Path> accept, String what) {
    try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      List<Path> found =
          walk.filter(p -> !isHiddenBelow(dir, p))
              .filter(Files::isRegularFile)
              .filter(accept)
              .toList();
      for (Path file : found) {
        if (!Files.isReadable(file)) {
          throw new ConfigurationException(what + " input " + file + " is not readable");
        }
      }
      return found;
    } catch (IOException | UncheckedIOException e) {
      throw new ConfigurationException(
          "cannot list " + what + " directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** True when the file itself or a directory between {@code root} and it is hidden. */
  private static boolean isHiddenBelow(Path root, Path path) {
    for (Path part : root.relativize(path)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}

package org.seiswatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.error.ConfigurationException;

class InputFilesTest {
  @TempDir Path dir;

  private Path touch(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[] {1});
  }

  @Test
  void shouldTakeDataFilesAndSkipHiddenAndNonDataWhenWalkingADirectory() throws IOException {
    Path sds = touch("2019/HV/HUAD/HHZ.D/HV.HUAD..HHZ.D.2019.104");
    Path mseed = touch("waveforms/a.mseed");
    touch("README.md");
    touch("stationxml/HV.HUAD.xml");
    touch("stations.CSV");
    touch(".hidden.mseed");
    touch(".git/objects/blob");

    assertEquals(List.of(sds, mseed), InputFiles.miniSeed(List.of(dir)));
  }

  @Test
  void shouldTakeAnExplicitFileWhateverItsExtension() throws IOException {
    Path notes = touch("odd.txt");

    assertEquals(List.of(notes), InputFiles.miniSeed(List.of(notes)));
  }

  @Test
  void shouldListEachFileOnceWhenGivenTwice() throws IOException {
    Path file = touch("a.mseed");

    assertEquals(List.of(file), InputFiles.miniSeed(List.of(file, dir)));
  }

  @Test
  void shouldTakeOnlyXmlFilesWhenLookingForStationXml() throws IOException {
    Path xml = touch("meta/HV.HUAD.XML");
    touch("meta/notes.md");

    assertEquals(List.of(xml), InputFiles.stationXml(List.of(dir)));
  }

  @Test
  void shouldFailNamingThePathWhenAnInputIsMissing() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> InputFiles.miniSeed(List.of(missing)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldFailNamingTheDirectoryWhenItHoldsNoDataFiles() throws IOException {
    touch("empty/README.md");

    assertThatThrownBy(() -> InputFiles.miniSeed(List.of(dir.resolve("empty"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("empty")
        .hasMessageContaining("no miniSEED files");
  }
}

package org.seiswatch.ingest.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.ingest.replay.TestRecords;

class MiniSeedFileReaderTest {
  @TempDir Path dir;

  private static List<FileItem> readAll(Path file) {
    List<FileItem> items = new ArrayList<>();
    new MiniSeedFileReader(file).forEachRemaining(items::add);
    return items;
  }

  private static List<Long> goodOffsets(List<FileItem> items) {
    return items.stream().filter(GoodRecord.class::isInstance).map(FileItem::offset).toList();
  }

  private static List<BadRecord> bad(List<FileItem> items) {
    return items.stream().filter(BadRecord.class::isInstance).map(BadRecord.class::cast).toList();
  }

  @Test
  void shouldYieldEveryRecordWhenFileIsClean() throws Exception {
    List<byte[]> records = TestRecords.huadHhz(5);
    Path file = TestRecords.write(dir.resolve("clean.mseed"), records);

    List<FileItem> items = readAll(file);

    assertEquals(List.of(0L, 512L, 1024L, 1536L, 2048L), goodOffsets(items));
    assertArrayEquals(records.get(3), ((GoodRecord) items.get(3)).record().bytes());
  }

  @Test
  void shouldYieldOneBadRecordAndGoOnWhenSteimFramesAreCorrupt() throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(6));
    records.set(2, TestRecords.corruptFrames(records.get(2)));
    Path file = TestRecords.write(dir.resolve("frames.mseed"), records);

    List<FileItem> items = readAll(file);

    assertEquals(List.of(0L, 512L, 1536L, 2048L, 2560L), goodOffsets(items));
    List<BadRecord> bad = bad(items);
    assertEquals(1, bad.size());
    assertEquals(1024L, bad.get(0).offset());
    assertEquals(512L, bad.get(0).length());
    assertEquals(file, bad.get(0).file());
    assertArrayEquals(records.get(2), bad.get(0).bytes());
    assertThat(bad.get(0).reason()).contains("HV.HUAD..HHZ");
  }

  @Test
  void shouldResyncOnPreviousRecordLengthWhenHeaderIsGarbage() throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(5));
    records.set(1, TestRecords.corruptHeader(records.get(1)));
    Path file = TestRecords.write(dir.resolve("header.mseed"), records);

    List<FileItem> items = readAll(file);

    assertEquals(List.of(0L, 1024L, 1536L, 2048L), goodOffsets(items));
    assertEquals(1, bad(items).size());
    assertEquals(512L, bad(items).get(0).length());
    assertThat(bad(items).get(0).reason()).contains("no miniSEED 2 or 3 header");
  }

  @Test
  void shouldResyncByScanningWhenJunkOfOddLengthSitsBetweenRecords() throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(4));
    byte[] junk = new byte[100];
    Arrays.fill(junk, (byte) 0x7f);
    records.add(2, junk);
    Path file = TestRecords.write(dir.resolve("junk"), records);

    List<FileItem> items = readAll(file);

    assertEquals(List.of(0L, 512L, 1124L, 1636L), goodOffsets(items));
    assertEquals(1, bad(items).size());
    assertEquals(1024L, bad(items).get(0).offset());
    assertEquals(100L, bad(items).get(0).length());
  }

  @Test
  void shouldYieldOneBadRecordWhenFileEndsInTruncatedRecord() throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(4));
    records.set(3, Arrays.copyOf(records.get(3), 300));
    Path file = TestRecords.write(dir.resolve("truncated.mseed"), records);

    List<FileItem> items = readAll(file);

    assertEquals(List.of(0L, 512L, 1024L), goodOffsets(items));
    assertEquals(1, bad(items).size());
    assertEquals(1536L, bad(items).get(0).offset());
    assertEquals(300L, bad(items).get(0).length());
    assertThat(bad(items).get(0).reason()).contains("truncated");
  }

  @Test
  void shouldYieldOneBadRecordWhenTailIsShorterThanAnyHeader() throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(2));
    records.add(new byte[20]);
    Path file = TestRecords.write(dir.resolve("tail.mseed"), records);

    List<FileItem> items = readAll(file);

    assertEquals(List.of(0L, 512L), goodOffsets(items));
    assertEquals(List.of(1024L), bad(items).stream().map(BadRecord::offset).toList());
  }

  @Test
  void shouldReadMiniSeed3RecordsOfDifferentLengthsAndSkipOneWithBadCrc() throws Exception {
    List<byte[]> records =
        new ArrayList<>(TestRecords.miniSeed3(5, Instant.parse("2024-01-02T03:04:05Z")));
    byte[] bad = records.get(2).clone();
    bad[bad.length - 1] ^= 0x01;
    records.set(2, bad);
    Path file = TestRecords.write(dir.resolve("v3.ms3"), records);

    List<FileItem> items = readAll(file);

    long third = records.get(0).length + records.get(1).length;
    assertEquals(4, goodOffsets(items).size());
    assertEquals(List.of(third), bad(items).stream().map(BadRecord::offset).toList());
    assertThat(bad(items).get(0).reason()).contains("CRC mismatch");
    assertEquals(3, ((GoodRecord) items.get(0)).record().formatVersion());
  }

  @Test
  void shouldFindNextMiniSeed3RecordWhenJunkPrecedesIt() throws Exception {
    List<byte[]> records =
        new ArrayList<>(TestRecords.miniSeed3(3, Instant.parse("2024-01-02T03:04:05Z")));
    records.add(1, new byte[] {1, 2, 3, 4, 5, 6, 7});
    Path file = TestRecords.write(dir.resolve("v3junk"), records);

    List<FileItem> items = readAll(file);

    assertEquals(3, goodOffsets(items).size());
    assertEquals(List.of(7L), bad(items).stream().map(BadRecord::length).toList());
  }

  @Test
  void shouldYieldNothingWhenFileIsEmpty() throws Exception {
    Path file = Files.write(dir.resolve("empty.mseed"), new byte[0]);

    assertEquals(List.of(), readAll(file));
  }
}

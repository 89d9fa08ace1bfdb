package org.seiswatch.ingest.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.ingest.replay.InputFiles;
import org.seiswatch.ingest.replay.TestRecords;

class RecordMergerTest {
  @TempDir static Path event;
  private static List<Path> files;

  @BeforeAll
  static void extractDemoEvent() throws IOException {
    DemoEvent.extractTo(event);
    files = InputFiles.miniSeed(List.of(event));
  }

  private static List<FileItem> mergeAll(List<Path> files) {
    List<FileItem> items = new ArrayList<>();
    new RecordMerger(files).forEachRemaining(items::add);
    return items;
  }

  private static String where(FileItem item) {
    return item.file().getFileName() + "@" + item.offset();
  }

  @Test
  void shouldYieldEveryRecordOfTheEighteenFilesInStartTimeOrder() throws IOException {
    long totalBytes = 0;
    for (Path file : files) {
      totalBytes += Files.size(file);
    }

    List<FileItem> items = mergeAll(files);

    assertEquals(18, files.size());
    assertEquals(totalBytes / TestRecords.LENGTH, items.size());
    assertThat(items).allMatch(GoodRecord.class::isInstance);
    List<Instant> starts = items.stream().map(i -> ((GoodRecord) i).record().startTime()).toList();
    assertThat(starts).isSorted();
  }

  @Test
  void shouldYieldRecordsInEndTimeOrderForAPacedReplay() {
    List<FileItem> byStart = mergeAll(files);
    List<FileItem> byEnd = new ArrayList<>();
    new RecordMerger(files, true).forEachRemaining(byEnd::add);

    assertEquals(byStart.size(), byEnd.size());
    List<Instant> ends =
        byEnd.stream().map(i -> ((GoodRecord) i).record().nextStartTime()).toList();
    assertThat(ends).isSorted();
    // the demo's records differ in length, so the two orders really differ
    assertThat(byEnd.stream().map(RecordMergerTest::where).toList())
        .isNotEqualTo(byStart.stream().map(RecordMergerTest::where).toList());
  }

  @Test
  void shouldGiveTheSameOrderWhenMergedTwice() {
    List<Path> reversed = new ArrayList<>(files);
    Collections.reverse(reversed);

    List<String> first = mergeAll(files).stream().map(RecordMergerTest::where).toList();
    List<String> second = mergeAll(reversed).stream().map(RecordMergerTest::where).toList();

    assertEquals(first, second);
  }

  @Test
  void shouldBreakTiesByStreamThenFileThenOffsetWhenStartTimesAreEqual(@TempDir Path dir)
      throws IOException {
    List<byte[]> records = TestRecords.huadHhz(3);
    Path b = TestRecords.write(dir.resolve("b.mseed"), records);
    Path a = TestRecords.write(dir.resolve("a.mseed"), records);

    List<String> order = mergeAll(List.of(b, a)).stream().map(RecordMergerTest::where).toList();

    assertEquals(
        List.of(
            "a.mseed@0", "b.mseed@0", "a.mseed@512", "b.mseed@512", "a.mseed@1024", "b.mseed@1024"),
        order);
  }

  @Test
  void shouldEmitBadRecordWhereItLiesInItsFileWhenMerging(@TempDir Path dir) throws IOException {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(4));
    records.set(2, TestRecords.corruptFrames(records.get(2)));
    Path file = TestRecords.write(dir.resolve("poison.mseed"), records);

    List<FileItem> items = mergeAll(List.of(file));

    assertEquals(
        List.of(GoodRecord.class, GoodRecord.class, BadRecord.class, GoodRecord.class),
        items.stream().map(Object::getClass).toList());
  }
}

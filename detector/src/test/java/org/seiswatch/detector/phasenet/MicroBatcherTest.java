package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {
  /** Echoes each window's first sample into every output sample; records batch sizes. */
  static final class FakePicker implements PhasePicker {
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch release;
    volatile RuntimeException failure;

    FakePicker(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public ModelManifest manifest() {
      return ModelManifest.parse(ModelFiles.bundled().manifest(), "bundled");
    }

    @Override
    public float[][][] predict(float[][][] windows) {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      batches.add(windows.length);
      if (failure != null) {
        throw failure;
      }
      float[][][] out = new float[windows.length][1][1];
      for (int i = 0; i < windows.length; i++) {
        out[i][0][0] = windows[i][0][0];
      }
      return out;
    }

    @Override
    public void close() {}
  }

  private static float[][] window(int id) {
    return new float[][] {{id}};
  }

  @Test
  void shouldReturnEachWindowItsOwnResultWhenManyThreadsSubmit() throws Exception {
    FakePicker picker = new FakePicker(new CountDownLatch(0));
    try (MicroBatcher batcher = MicroBatcher.start(picker, 8, 5)) {
      List<Thread> threads = new ArrayList<>();
      List<CompletableFuture<float[][]>> futures = new CopyOnWriteArrayList<>();
      float[] ids = new float[64];
      for (int t = 0; t < 4; t++) {
        int base = t * 16;
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 16; i++) {
                    futures.add(batcher.submit(window(base + i)));
                  }
                });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      for (CompletableFuture<float[][]> f : futures) {
        int id = (int) f.get(5, TimeUnit.SECONDS)[0][0];
        ids[id]++;
      }
      for (int i = 0; i < 64; i++) {
        assertEquals(1.0f, ids[i], "window " + i);
      }
      assertEquals(64, picker.batches.stream().mapToInt(Integer::intValue).sum());
      assertThat(picker.batches).allMatch(b -> b <= 8);
    }
  }

  @Test
  void shouldFormFullBatchesWhenWindowsQueueUpWhileTheModelRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakePicker picker = new FakePicker(release);
    try (MicroBatcher batcher = MicroBatcher.start(picker, 4, 0)) {
      CompletableFuture<float[][]> first = batcher.submit(window(0));
      Thread.sleep(200); // the worker is now blocked inside predict with a batch of 1
      List<CompletableFuture<float[][]>> rest = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        rest.add(batcher.submit(window(i)));
      }
      release.countDown();
      assertEquals(0.0f, first.get(5, TimeUnit.SECONDS)[0][0]);
      for (int i = 0; i < 8; i++) {
        assertEquals(i + 1.0f, rest.get(i).get(5, TimeUnit.SECONDS)[0][0]);
      }
      assertEquals(List.of(1, 4, 4), picker.batches);
    }
  }

  @Test
  void shouldWaitForMoreWindowsWhenTheBatchIsNotFull() throws Exception {
    FakePicker picker = new FakePicker(new CountDownLatch(0));
    try (MicroBatcher batcher = MicroBatcher.start(picker, 4, 2000)) {
      CompletableFuture<float[][]> a = batcher.submit(window(1));
      Thread.sleep(100);
      CompletableFuture<float[][]> b = batcher.submit(window(2));
      assertEquals(2.0f, b.get(5, TimeUnit.SECONDS)[0][0]);
      assertEquals(1.0f, a.get(5, TimeUnit.SECONDS)[0][0]);
      assertEquals(List.of(2), picker.batches);
    }
  }

  @Test
  void shouldFailEveryWindowOfTheBatchWhenTheModelFails() {
    FakePicker picker = new FakePicker(new CountDownLatch(0));
    picker.failure = new IllegalStateException("boom");
    try (MicroBatcher batcher = MicroBatcher.start(picker, 4, 0)) {
      CompletableFuture<float[][]> f = batcher.submit(window(1));
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("boom");
    }
  }

  @Test
  void shouldCancelQueuedAndLaterWindowsWhenClosed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakePicker picker = new FakePicker(release);
    MicroBatcher batcher = MicroBatcher.start(picker, 1, 0);
    CompletableFuture<float[][]> running = batcher.submit(window(0));
    Thread.sleep(200);
    CompletableFuture<float[][]> queued = batcher.submit(window(1));
    Thread closer = new Thread(batcher::close);
    closer.start();
    Thread.sleep(100);
    release.countDown();
    closer.join(10_000);
    assertThat(running.get(5, TimeUnit.SECONDS)[0][0]).isEqualTo(0.0f);
    assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(batcher.submit(window(2))).isCompletedExceptionally();
  }
}

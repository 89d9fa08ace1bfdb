package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers windows from any number of threads (stations, stream threads) into batches for one {@link
 * PhasePicker}: a single worker thread takes the first queued window, waits at most {@code
 * maxWaitMs} (wall clock) for more, up to {@code batchSize}, runs the model once and completes each
 * caller's future with its own window's probabilities. Wall-clock time only shapes batches; results
 * do not depend on it (DESIGN.md "Time and determinism").
 *
 * <p>Callers that block for their results ({@link #predict}, the stream threads) are counted: once
 * every caller seen in the last {@value #ACTIVE_MS} ms is waiting and nothing more is queued, no
 * further window can come before the batch runs, so the worker stops waiting at once instead of
 * after {@code maxWaitMs}.
 */
public final class MicroBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MicroBatcher.class);

  private record Job(float[][] window, CompletableFuture<float[][]> result) {}

  private final PhasePicker picker;
  private final int batchSize;
  private final long maxWaitNanos;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Thread worker;

  /** A caller that has not called {@link #predict} for this long no longer holds batches open. */
  static final long ACTIVE_MS = 2000;

  private static final long SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final Map<Thread, Long> callers = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong windowsRun = new AtomicLong();
  private final AtomicLong batchesRun = new AtomicLong();
  private final AtomicLong modelNanos = new AtomicLong();
  private volatile boolean closed;

  private MicroBatcher(PhasePicker picker, int batchSize, long maxWaitMs) {
    if (batchSize < 1 || maxWaitMs < 0) {
      throw new IllegalArgumentException("batch size " + batchSize + ", max wait " + maxWaitMs);
    }
    this.picker = picker;
    this.batchSize = batchSize;
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
    this.worker = new Thread(this::run, "phasenet-batcher");
    this.worker.setDaemon(true);
  }

  /** Starts a batcher and its worker thread; {@link #close} stops it (not the picker). */
  public static MicroBatcher start(PhasePicker picker, int batchSize, long maxWaitMs) {
    MicroBatcher batcher = new MicroBatcher(picker, batchSize, maxWaitMs);
    batcher.worker.start();
    return batcher;
  }

  public PhasePicker picker() {
    return picker;
  }

  /** Windows the model has run on so far (successfully or not). */
  public long windowsRun() {
    return windowsRun.get();
  }

  /** Model calls so far; {@code windowsRun() / batchesRun()} is the mean batch size. */
  public long batchesRun() {
    return batchesRun.get();
  }

  /** Wall-clock nanoseconds spent in model calls so far (for benchmarks: how busy the model is). */
  public long modelNanos() {
    return modelNanos.get();
  }

  /**
   * Queues one normalised window {@code [3][window_samples]}.
   *
   * @return its probabilities {@code [3][window_samples]}; failed with the model's exception, or
   *     cancelled when the batcher closes first
   */
  public CompletableFuture<float[][]> submit(float[][] window) {
    CompletableFuture<float[][]> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new CancellationException("batcher closed"));
      return result;
    }
    queue.add(new Job(window, result));
    if (closed) {
      failPending();
    }
    return result;
  }

  /**
   * Runs {@code windows} (normalised, {@code [3][window_samples]} each) and blocks until all are
   * done; they may share a batch with other callers' windows.
   *
   * @return their probabilities, in order
   * @throws IllegalStateException if the model failed or the batcher closed
   */
  public List<float[][]> predict(List<float[][]> windows) {
    callers.put(Thread.currentThread(), System.nanoTime());
    List<CompletableFuture<float[][]>> futures = new ArrayList<>(windows.size());
    for (float[][] w : windows) {
      futures.add(submit(w));
    }
    waiting.incrementAndGet();
    try {
      List<float[][]> out = new ArrayList<>(windows.size());
      for (CompletableFuture<float[][]> f : futures) {
        out.add(f.join());
      }
      return out;
    } catch (CompletionException | CancellationException e) {
      throw new IllegalStateException("PhaseNet failed on a window: " + e.getCause(), e);
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** Whether every recently active {@link #predict} caller is blocked waiting for results. */
  private boolean allCallersWaiting() {
    long now = System.nanoTime();
    long active = TimeUnit.MILLISECONDS.toNanos(ACTIVE_MS);
    callers.values().removeIf(last -> now - last > active);
    int count = callers.size();
    return count > 0 && waiting.get() >= count;
  }

  private void run() {
    List<Job> batch = new ArrayList<>(batchSize);
    try {
      while (!closed) {
        Job first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        fill(batch);
        runBatch(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (Job job : batch) {
        job.result().completeExceptionally(new CancellationException("batcher closed"));
      }
      failPending();
    }
  }

  private void fill(List<Job> batch) throws InterruptedException {
    queue.drainTo(batch, batchSize - batch.size());
    long deadline = System.nanoTime() + maxWaitNanos;
    while (batch.size() < batchSize) {
      if (queue.isEmpty() && allCallersWaiting()) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Job next = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next);
        queue.drainTo(batch, batchSize - batch.size());
      }
    }
  }

  private void runBatch(List<Job> batch) {
    float[][][] windows = new float[batch.size()][][];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = batch.get(i).window();
    }
    windowsRun.addAndGet(windows.length);
    batchesRun.incrementAndGet();
    long started = System.nanoTime();
    try {
      float[][][] probs = picker.predict(windows);
      modelNanos.addAndGet(System.nanoTime() - started);
      for (int i = 0; i < windows.length; i++) {
        batch.get(i).result().complete(probs[i]);
      }
    } catch (RuntimeException e) {
      log.warn("Phase picker failed on a batch of {}: {}", windows.length, e.toString());
      for (Job job : batch) {
        job.result().completeExceptionally(e);
      }
    }
  }

  private void failPending() {
    Job job;
    while ((job = queue.poll()) != null) {
      job.result().completeExceptionally(new CancellationException("batcher closed"));
    }
  }

  /** Stops the worker; queued and later windows fail with {@link CancellationException}. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failPending();
  }
}

package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers windows from any number of threads (stations, stream threads) into batches for one {@link
 * PhasePicker}: a single worker thread takes the first queued window, waits at most {@code
 * maxWaitMs} (wall clock) for more, up to {@code batchSize}, runs the model once and completes each
 * caller's future with its own window's probabilities. Wall-clock time only shapes batches; results
 * do not depend on it (DESIGN.md "Time and determinism").
 */
public final class MicroBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MicroBatcher.class);

  private record Job(float[][] window, CompletableFuture<float[][]> result) {}

  private final PhasePicker picker;
  private final int batchSize;
  private final long maxWaitNanos;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Thread worker;
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
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Job next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, batchSize - batch.size());
    }
  }

  private void runBatch(List<Job> batch) {
    float[][][] windows = new float[batch.size()][][];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = batch.get(i).window();
    }
    try {
      float[][][] probs = picker.predict(windows);
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

package org.seiswatch.detector.phasenet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link PhaseNetProcessor} keeps its stations' state, split by how often each part changes,
 * so that a record writes (to the store and its changelog) a small header and the samples it added
 * rather than the whole state:
 *
 * <ul>
 *   <li>header, {@value PhaseNetProcessor#STORE}, key {@code NET.STA}: the {@link StationState}
 *       without the stackers' raw samples and accumulators (its serde), written every record;
 *   <li>raw sample chunks, {@value PhaseNetProcessor#SAMPLES_STORE}, key {@code
 *       <instrument>|raw|<start>}: the samples a stacker received since the previous save, written
 *       once and deleted when the stacker keeps none of them any more ({@code <start>} is the
 *       absolute sample number with its sign bit flipped, 16 hex digits, so that keys sort by it);
 *   <li>accumulators, same store, key {@code <instrument>|acc}: written when they changed (a window
 *       was accepted).
 * </ul>
 *
 * <p>A segment's chunks and accumulators are deleted when the instrument's segment ends (a gap).
 * {@link #load} rebuilds the stackers from their chunks and accumulators exactly; a stacker whose
 * parts are missing or do not match its header restarts as a new segment, and keys nothing needs
 * are deleted at the next {@link #save}. Not thread-safe: one per processor.
 */
public final class PhaseNetStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseNetStateStore.class);
  private static final String RAW = "|raw|";
  private static final String ACC = "|acc";
  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, StationState> stations;
  private final KeyValueStore<String, byte[]> samples;
  private final BinaryWriter writer = new BinaryWriter(16 * 1024);

  /**
   * @param stations the header store ({@link StationState#serde})
   * @param samples the chunk and accumulator store ({@link #samplesSerde})
   */
  public PhaseNetStateStore(
      KeyValueStore<String, StationState> stations, KeyValueStore<String, byte[]> samples) {
    this.stations = stations;
    this.samples = samples;
  }

  /** Serde of the samples store's values (the chunks' and accumulators' own binary form). */
  public static Serde<byte[]> samplesSerde() {
    return Serdes.ByteArray();
  }

  /** What of one stacker's segment is in the samples store. */
  static final class Segment {
    final StreamingStacker stacker;

    /** Samples before it that the stacker still keeps are in chunks. */
    long savedUntil = Long.MIN_VALUE;

    /**
     * Start samples of the stored chunks, ascending; a chunk ends at or before the next one's start
     * (the last at {@link #savedUntil}), so it is wholly before the kept samples once the next
     * starts there.
     */
    final ArrayDeque<Long> chunks = new ArrayDeque<>();

    Segment(StreamingStacker stacker) {
      this.stacker = stacker;
    }
  }

  /** The station's state as stored, a new one if there is none. */
  public StationState load(String station) {
    StationState stored = stations.get(station);
    StationState state = stored == null ? new StationState() : stored;
    Map<String, List<KeyValue<String, byte[]>>> parts = new HashMap<>();
    try (KeyValueIterator<String, byte[]> it = samples.prefixScan(station + ".", KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        String instrument = kv.key.substring(0, Math.max(0, kv.key.indexOf('|')));
        InstrumentState inst = state.instruments.get(instrument);
        if (inst == null || inst.stacker == null) {
          state.obsolete.add(kv.key);
        } else {
          parts.computeIfAbsent(instrument, k -> new ArrayList<>()).add(kv);
        }
      }
    }
    for (Map.Entry<String, InstrumentState> e : state.instruments.entrySet()) {
      InstrumentState inst = e.getValue();
      if (inst.stacker == null) {
        continue;
      }
      List<KeyValue<String, byte[]>> found = parts.getOrDefault(e.getKey(), List.of());
      Segment segment = new Segment(inst.stacker);
      if (restore(e.getKey(), segment, found, state.obsolete)) {
        state.stored.put(e.getKey(), segment);
      } else {
        LOG.warn(
            "{}: stored phasenet samples do not match the state; the instrument starts a new"
                + " segment",
            e.getKey());
        inst.stacker = null;
        found.forEach(kv -> state.obsolete.add(kv.key));
      }
    }
    return state;
  }

  /** Writes what changed in the station's state since it was loaded or last saved. */
  public void save(String station, StationState state) {
    for (String key : state.obsolete) {
      samples.delete(key);
    }
    state.obsolete.clear();
    for (Iterator<Map.Entry<String, Segment>> it = state.stored.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Segment> e = it.next();
      InstrumentState inst = state.instruments.get(e.getKey());
      if (inst == null || inst.stacker != e.getValue().stacker) {
        // the segment ended (a gap, or the configuration changed)
        for (long start : e.getValue().chunks) {
          samples.delete(rawKey(e.getKey(), start));
        }
        samples.delete(e.getKey() + ACC);
        it.remove();
      }
    }
    for (Map.Entry<String, InstrumentState> e : state.instruments.entrySet()) {
      StreamingStacker stacker = e.getValue().stacker;
      if (stacker != null) {
        saveStacker(
            e.getKey(),
            stacker,
            state.stored.computeIfAbsent(e.getKey(), k -> new Segment(stacker)));
      }
    }
    stations.put(station, state);
  }

  private void saveStacker(String instrument, StreamingStacker stacker, Segment segment) {
    long keepFrom = stacker.rawStart();
    while (!segment.chunks.isEmpty()) {
      long first = segment.chunks.peekFirst();
      long end = segment.chunks.size() > 1 ? second(segment.chunks) : segment.savedUntil;
      if (end > keepFrom) {
        break;
      }
      samples.delete(rawKey(instrument, first));
      segment.chunks.removeFirst();
    }
    long end = stacker.nextSample();
    if (end > segment.savedUntil) {
      // samples appended and already dropped since the last save are not needed: skip them
      long from = Math.max(segment.savedUntil, keepFrom);
      if (from < end) {
        stacker.writeRawTo(writer.reset(), from, end);
        samples.put(rawKey(instrument, from), writer.toByteArray());
        segment.chunks.addLast(from);
      }
      segment.savedUntil = end;
    }
    if (stacker.accChanged()) {
      stacker.writeAccTo(writer.reset());
      samples.put(instrument + ACC, writer.toByteArray());
      stacker.accSaved();
    }
  }

  /** Restores the stacker's samples and accumulators from its stored parts (ascending keys). */
  private static boolean restore(
      String instrument,
      Segment segment,
      List<KeyValue<String, byte[]>> parts,
      List<String> obsolete) {
    StreamingStacker stacker = segment.stacker;
    boolean acc = false;
    long covered = stacker.rawStart();
    long end = stacker.nextSample();
    for (KeyValue<String, byte[]> kv : parts) {
      if (kv.key.equals(instrument + ACC)) {
        acc = stacker.readAccFrom(new BinaryReader(kv.value));

        continue;
      }
      long[] range = stacker.readRawFrom(new BinaryReader(kv.value));
      if (range[0] >= end || !kv.key.equals(rawKey(instrument, range[0]))) {
        // written after the header that was kept, or not ours
        obsolete.add(kv.key);
        continue;
      }
      if (range[0] > covered && covered < end) {
        return false;
      }
      covered = Math.max(covered, range[1]);
      segment.chunks.addLast(range[0]);
    }
    segment.savedUntil = end;
    return acc && covered >= end;
  }

  private static long second(ArrayDeque<Long> chunks) {
    Iterator<Long> it = chunks.iterator();
    it.next();
    return it.next();
  }

  /**
   * Samples-store key of the chunk of {@code instrument} starting at absolute sample {@code start}.
   */
  static String rawKey(String instrument, long start) {
    String hex = Long.toHexString(start ^ Long.MIN_VALUE);
    return instrument + RAW + "0".repeat(16 - hex.length()) + hex;
  }
}

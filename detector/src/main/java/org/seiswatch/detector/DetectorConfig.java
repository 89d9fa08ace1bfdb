package org.seiswatch.detector;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.seiswatch.common.config.UnknownSettings;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.detector.associator.AssociatorSettings;
import org.seiswatch.detector.associator.LocatorSettings;
import org.seiswatch.detector.associator.NucleationSettings;
import org.seiswatch.detector.associator.VelocityModel;
import org.seiswatch.detector.magnitude.AmplitudeSettings;
import org.seiswatch.detector.magnitude.MagnitudeSettings;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.PhaseNetProcessor;
import org.seiswatch.detector.phasenet.PhaseNetSettings;
import org.seiswatch.detector.phasenet.StackSettings;
import org.seiswatch.detector.picker.StaLtaSettings;
import org.seiswatch.detector.traveltime.TableGrid;

/**
 * Typed configuration of the detector service: Kafka Streams settings and the assembler, picker and
 * associator parameters, each declared once with type, default, validator and doc. Build it with
 * {@link #from}; a missing or bad setting throws {@link ConfigurationException} naming it.
 */
public final class DetectorConfig extends AbstractConfig {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String REPLICATION_FACTOR = "replication.factor";

  public static final String ASSEMBLER_MAX_LATENESS_S = "assembler.max.lateness.s";

  public static final String PICKER_STA_S = "picker.sta.s";
  public static final String PICKER_LTA_S = "picker.lta.s";
  public static final String PICKER_ON_RATIO = "picker.on.ratio";
  public static final String PICKER_OFF_RATIO = "picker.off.ratio";
  public static final String PICKER_LOW_HZ = "picker.bandpass.low.hz";
  public static final String PICKER_HIGH_HZ = "picker.bandpass.high.hz";
  public static final String PICKER_RETRIGGER_S = "picker.retrigger.min.s";
  public static final String PICKER_REFINE_BEFORE_S = "picker.refine.before.s";
  public static final String PICKER_REFINE_AFTER_S = "picker.refine.after.s";

  public static final String PICKER_TYPE = "picker.type";
  public static final String PICKER_TYPE_PHASENET = "phasenet";
  public static final String PICKER_TYPE_STALTA = "stalta";
  public static final String PHASENET_MODEL_PATH = "phasenet.model.path";
  public static final String PHASENET_MANIFEST_PATH = "phasenet.manifest.path";
  public static final String PHASENET_BATCH_SIZE = "phasenet.batch.size";
  public static final String PHASENET_MAX_WAIT_MS = "phasenet.max.wait.ms";
  public static final String PHASENET_INTRA_OP_THREADS = "phasenet.intra.op.threads";
  public static final String PHASENET_STRIDE_S = "phasenet.stride.s";
  public static final String PHASENET_HORIZON_S = "phasenet.horizon.s";
  public static final String PHASENET_BLINDING_S = "phasenet.blinding.s";
  public static final String PHASENET_EDGE_WEIGHT = "phasenet.edge.weight";
  public static final String PHASENET_S_CENTRE_LEVEL = "phasenet.s.centre.level";
  public static final String PHASENET_GAP_FILL_S = "phasenet.gap.fill.s";
  public static final String PHASENET_MAX_LEAD_S = "phasenet.max.lead.s";

  public static final String ASSOCIATOR_REGION = "associator.region";
  public static final String ASSOCIATOR_MIN_STATIONS = "associator.min.stations";
  public static final String ASSOCIATOR_RESIDUAL_S = "associator.residual.tolerance.s";
  public static final String ASSOCIATOR_ASSOCIATION_WINDOW_S = "associator.association.window.s";
  public static final String ASSOCIATOR_VELOCITY_MODEL = "associator.velocity.model";
  public static final String ASSOCIATOR_GRID_MARGIN_KM = "associator.grid.margin.km";
  public static final String ASSOCIATOR_GRID_SPACING_KM = "associator.grid.spacing.km";
  public static final String ASSOCIATOR_DEPTH_MIN_KM = "associator.grid.depth.min.km";
  public static final String ASSOCIATOR_DEPTH_MAX_KM = "associator.grid.depth.max.km";
  public static final String ASSOCIATOR_DEPTH_SPACING_KM = "associator.grid.depth.spacing.km";
  public static final String ASSOCIATOR_MAX_DISTANCE_KM = "associator.max.distance.km";
  public static final String ASSOCIATOR_PICK_WINDOW_S = "associator.pick.window.s";
  public static final String ASSOCIATOR_RELEASE_LATENESS_S = "associator.release.lateness.s";
  public static final String ASSOCIATOR_STATION_QUIET_S = "associator.station.quiet.s";
  public static final String ASSOCIATOR_STATION_TIMEOUT_MS = "associator.station.timeout.ms";
  public static final String ASSOCIATOR_IDLE_FLUSH_MS = "associator.idle.flush.ms";
  public static final String ASSOCIATOR_MIN_PICKS = "associator.min.picks";
  public static final String ASSOCIATOR_FINAL_QUIET_S = "associator.final.quiet.s";
  public static final String ASSOCIATOR_MAX_LATENESS_S = "associator.max.lateness.s";
  public static final String ASSOCIATOR_TRAVELTIME_MODEL = "associator.traveltime.model";
  public static final String ASSOCIATOR_TRAVELTIME_CACHE_DIR = "associator.traveltime.cache.dir";
  public static final String ASSOCIATOR_TRAVELTIME_MAX_DEG =
      "associator.traveltime.max.distance.deg";
  public static final String ASSOCIATOR_TRAVELTIME_STEP_DEG =
      "associator.traveltime.distance.step.deg";
  public static final String ASSOCIATOR_VP_VS = "associator.vp.vs";
  public static final String ASSOCIATOR_NUCLEATION_RADIUS_KM = "associator.nucleation.radius.km";
  public static final String ASSOCIATOR_NUCLEATION_SPACING_KM = "associator.nucleation.spacing.km";
  public static final String ASSOCIATOR_NUCLEATION_DEPTH_SPACING_KM =
      "associator.nucleation.depth.spacing.km";

  public static final String MAGNITUDE_ENABLED = "magnitude.enabled";
  public static final String MAGNITUDE_LOGA0_N = "magnitude.logA0.n";
  public static final String MAGNITUDE_LOGA0_K = "magnitude.logA0.k";
  public static final String MAGNITUDE_LOGA0_C = "magnitude.logA0.c";
  public static final String MAGNITUDE_LOGA0_REFERENCE_KM = "magnitude.logA0.reference.km";
  public static final String MAGNITUDE_MIN_STATIONS = "magnitude.min.stations";
  public static final String MAGNITUDE_WINDOW_MIN_S = "magnitude.window.min.s";
  public static final String MAGNITUDE_WINDOW_SP_FACTOR = "magnitude.window.sp.factor";
  public static final String MAGNITUDE_HORIZONTALS = "magnitude.horizontals";
  public static final String MAGNITUDE_HIGHPASS_HZ = "magnitude.highpass.hz";
  public static final String MAGNITUDE_LOWPASS_HZ = "magnitude.lowpass.hz";
  public static final String MAGNITUDE_WARMUP_S = "magnitude.warmup.s";
  public static final String MAGNITUDE_CLIP_FULL_SCALE = "magnitude.clip.full.scale.counts";
  public static final String MAGNITUDE_CLIP_FRACTION = "magnitude.clip.fraction";
  public static final String MAGNITUDE_CLIP_FLAT_SAMPLES = "magnitude.clip.flat.samples";

  /** {@value} in {@link #ASSOCIATOR_TRAVELTIME_MODEL}: use the layered model. */
  public static final String LAYERED = "layered";

  /**
   * Default velocity model: a simplified layered P model for the Island of Hawaii (slow volcanic
   * pile above sea level, oceanic crust, mantle below about 17 km), matching the bundled demo.
   */
  public static final String DEFAULT_VELOCITY_MODEL = "-5:3.6,0:5.0,3:5.9,7:6.5,12:7.1,17:8.0";

  private static final ConfigDef.Validator POSITIVE = ConfigDef.Range.atLeast(1e-9);
  private static final ConfigDef.Validator NON_NEGATIVE = ConfigDef.Range.atLeast(0);

  public static final ConfigDef DEFINITION =
      streams(assembler(picker(phaseNet(travelTimes(associator(magnitude(new ConfigDef())))))));

  public DetectorConfig(Map<?, ?> props) {
    super(DEFINITION, props, false);
  }

  /** Builds and validates the configuration, naming the first bad setting. */
  public static DetectorConfig from(Map<String, ?> props) {
    UnknownSettings.reject(DEFINITION, props, "detector");
    try {
      DetectorConfig config = new DetectorConfig(props);
      config.staLtaSettings();
      config.stackSettings(100.0);
      config.locatorSettings();
      config.associatorSettings();
      config.velocityModel();
      config.nucleationSettings();
      config.tableGrid();
      config.amplitudeSettings();
      config.magnitudeSettings();
      return config;
    } catch (ConfigException | IllegalArgumentException e) {
      throw new ConfigurationException("detector configuration: " + e.getMessage(), e);
    }
  }

  private static ConfigDef streams(ConfigDef def) {
    return def.define(
            BOOTSTRAP_SERVERS,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            Importance.HIGH,
            "Kafka brokers, host:port[,host:port...].")
        .define(
            APPLICATION_ID,
            Type.STRING,
            "seiswatch-detector",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Kafka Streams application id: consumer group, prefix of internal topics and state.")
        .define(
            STATE_DIR,
            Type.STRING,
            Path.of(System.getProperty("java.io.tmpdir"), "seiswatch-detector").toString(),
            Importance.MEDIUM,
            "Directory of the local state stores (RocksDB).")
        .define(
            COMMIT_INTERVAL_MS,
            Type.LONG,
            100L,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Transaction commit interval. Under exactly-once, picks and events become visible to"
                + " read_committed consumers only when the transaction commits, so this bounds the"
                + " added latency; 100 ms keeps it well below the arrival-to-pick target at the"
                + " cost of more (small) transactions.")
        .define(
            NUM_STREAM_THREADS,
            Type.INT,
            1,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Stream threads in this instance. The PhaseNet picker blocks its thread until the"
                + " model has run the thread's windows, so windows of different stations share a"
                + " model batch only across threads: use 2 or more for many stations.")
        .define(
            REPLICATION_FACTOR,
            Type.INT,
            -1,
            ConfigDef.Range.atLeast(-1),
            Importance.MEDIUM,
            "Replication factor of the internal topics (changelogs, repartition); -1 = broker"
                + " default, 1 for a single-broker demo.");
  }

  private static ConfigDef assembler(ConfigDef def) {
    return def.define(
        ASSEMBLER_MAX_LATENESS_S,
        Type.DOUBLE,
        10.0,
        NON_NEGATIVE,
        Importance.MEDIUM,
        "Data seconds a channel may run ahead of a hole before the hole is declared a gap; records"
            + " arriving out of order within this are put back in order.");
  }

  private static ConfigDef picker(ConfigDef def) {
    return def.define(
            PICKER_STA_S,
            Type.DOUBLE,
            0.5,
            POSITIVE,
            Importance.MEDIUM,
            "Short-term average window, seconds.")
        .define(
            PICKER_LTA_S,
            Type.DOUBLE,
            10.0,
            POSITIVE,
            Importance.MEDIUM,
            "Long-term average window, seconds; also the warm-up after a gap.")
        .define(
            PICKER_ON_RATIO,
            Type.DOUBLE,
            5.0,
            POSITIVE,
            Importance.MEDIUM,
            "STA/LTA ratio that triggers a pick.")
        .define(
            PICKER_OFF_RATIO,
            Type.DOUBLE,
            1.5,
            POSITIVE,
            Importance.MEDIUM,
            "STA/LTA ratio below which the trigger resets.")
        .define(
            PICKER_LOW_HZ,
            Type.DOUBLE,
            2.0,
            POSITIVE,
            Importance.MEDIUM,
            "Band-pass low corner, Hz (4-pole Butterworth).")
        .define(
            PICKER_HIGH_HZ,
            Type.DOUBLE,
            10.0,
            POSITIVE,
            Importance.MEDIUM,
            "Band-pass high corner, Hz (lowered to 0.45 x sample rate if needed).")
        .define(
            PICKER_RETRIGGER_S,
            Type.DOUBLE,
            10.0,
            NON_NEGATIVE,
            Importance.MEDIUM,
            "Minimum data seconds between two picks of one channel (suppresses S and coda"
                + " re-triggers).")
        .define(
            PICKER_REFINE_BEFORE_S,
            Type.DOUBLE,
            2.0,
            NON_NEGATIVE,
            Importance.LOW,
            "How far before the trigger the AIC onset refinement looks, seconds.")
        .define(
            PICKER_REFINE_AFTER_S,
            Type.DOUBLE,
            0.5,
            NON_NEGATIVE,
            Importance.LOW,
            "Data after the trigger used by the AIC refinement, seconds (delays each pick).");
  }

  private static ConfigDef phaseNet(ConfigDef def) {
    return def.define(
            PICKER_TYPE,
            Type.STRING,
            PICKER_TYPE_PHASENET,
            ConfigDef.ValidString.in(PICKER_TYPE_PHASENET, PICKER_TYPE_STALTA),
            Importance.HIGH,
            "Phase picker: phasenet (P and S with the PhaseNet model; channels at another rate than"
                + " the model's fall back to STA/LTA) or stalta (P only, no model).")
        .define(
            PHASENET_MODEL_PATH,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "ONNX model file; blank = the PhaseNet model bundled in the detector. A bad model or a"
                + " manifest that does not match it stops the service at start.")
        .define(
            PHASENET_MANIFEST_PATH,
            Type.STRING,
            "",
            Importance.LOW,
            "Model manifest (JSON); blank = beside the model with the extension .json.")
        .define(
            PHASENET_BATCH_SIZE,
            Type.INT,
            32,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Most windows (from all stations and stream threads) run in one model call.")
        .define(
            PHASENET_MAX_WAIT_MS,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0),
            Importance.MEDIUM,
            "Wall-clock ms the batcher waits for more windows after the first of a batch (it stops"
                + " early once every active stream thread is waiting for results); shapes batches,"
                + " never results. 0 runs whatever is queued as soon as the model is free, so"
                + " batches form while it runs: best on CPU, where a larger batch is hardly faster"
                + " per window; a wait can pay on a GPU.")
        .define(
            PHASENET_INTRA_OP_THREADS,
            Type.INT,
            1,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "ONNX Runtime intra-op threads of the single model session.")
        .define(
            PHASENET_STRIDE_S,
            Type.DOUBLE,
            5.0,
            POSITIVE,
            Importance.MEDIUM,
            "Seconds between window starts (windows start on multiples of it in absolute time).")
        .define(
            PHASENET_HORIZON_S,
            Type.DOUBLE,
            10.0,
            POSITIVE,
            Importance.MEDIUM,
            "Horizon H: a window contributes to a sample only within H seconds of its end, so a"
                + " sample is final once the H seconds after it have arrived (H - stride at the"
                + " earliest), and a pick 0.51 s of data later, when its minimum peak distance is"
                + " final too (DESIGN.md \"Latency\").")
        .define(
            PHASENET_BLINDING_S,
            Type.DOUBLE,
            0.5,
            NON_NEGATIVE,
            Importance.LOW,
            "Samples this close to either window edge never contribute, seconds.")
        .define(
            PHASENET_EDGE_WEIGHT,
            Type.DOUBLE,
            PhaseNetSettings.DEFAULT_EDGE_WEIGHT,
            ConfigDef.Range.between(0.0, 1.0),
            Importance.LOW,
            "Stacking weight of a window's probability at its right blinding edge, relative to 1"
                + " at the horizon; it falls linearly in between, so a sample counts less from a"
                + " window that saw little data after it. 1 = plain mean.")
        .define(
            PHASENET_S_CENTRE_LEVEL,
            Type.DOUBLE,
            PhaseNetSettings.DEFAULT_S_CENTRE_LEVEL,
            ConfigDef.Range.between(0.0, 0.99),
            Importance.LOW,
            "An S pick is timed at the centre of the stacked S peak where the probability stays at"
                + " or above this fraction of the peak's height (at most the minimum peak distance"
                + " either side); 0 = at the maximum, PhaseNet's own rule. P picks are always"
                + " timed at the maximum.")
        .define(
            PHASENET_GAP_FILL_S,
            Type.DOUBLE,
            0.1,
            NON_NEGATIVE,
            Importance.LOW,
            "Holes in one component up to this long are filled by linear interpolation; longer"
                + " ones end the segment (no pick across a gap), seconds.")
        .define(
            PHASENET_MAX_LEAD_S,
            Type.DOUBLE,
            30.0,
            POSITIVE,
            Importance.LOW,
            "A component lagging the instrument's most advanced one by more than this is treated"
                + " as missing up to that lead (a dead channel cannot stall the picker), seconds.");
  }

  private static ConfigDef associator(ConfigDef def) {
    return def.define(
            ASSOCIATOR_REGION,
            Type.STRING,
            "global",
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Region key all picks are associated under.")
        .define(
            ASSOCIATOR_MIN_STATIONS,
            Type.INT,
            4,
            ConfigDef.Range.atLeast(3),
            Importance.HIGH,
            "Distinct stations with consistent P picks needed for a new event.")
        .define(
            ASSOCIATOR_RESIDUAL_S,
            Type.DOUBLE,
            1.0,
            POSITIVE,
            Importance.HIGH,
            "Largest travel-time residual, seconds, of a pick consistent with a hypocentre.")
        .define(
            ASSOCIATOR_ASSOCIATION_WINDOW_S,
            Type.DOUBLE,
            3.0,
            POSITIVE,
            Importance.MEDIUM,
            "A pick is tried against an event (relocated with it) only if its residual at the"
                + " event's current hypocentre is within this, seconds.")
        .define(
            ASSOCIATOR_VELOCITY_MODEL,
            Type.STRING,
            DEFAULT_VELOCITY_MODEL,
            Importance.HIGH,
            "Layered P model: top:vp,... with layer tops in km below sea level (negative above)"
                + " and velocities in km/s; the last layer is a half-space.")
        .define(
            ASSOCIATOR_GRID_MARGIN_KM,
            Type.DOUBLE,
            50.0,
            NON_NEGATIVE,
            Importance.MEDIUM,
            "Grid-search extent beyond the picked stations, km.")
        .define(
            ASSOCIATOR_GRID_SPACING_KM,
            Type.DOUBLE,
            4.0,
            POSITIVE,
            Importance.MEDIUM,
            "Coarse horizontal grid spacing, km (refined twice by 4).")
        .define(
            ASSOCIATOR_DEPTH_MIN_KM,
            Type.DOUBLE,
            0.0,
            Importance.MEDIUM,
            "Shallowest grid depth, km below sea level.")
        .define(
            ASSOCIATOR_DEPTH_MAX_KM,
            Type.DOUBLE,
            60.0,
            POSITIVE,
            Importance.MEDIUM,
            "Deepest grid depth, km.")
        .define(
            ASSOCIATOR_DEPTH_SPACING_KM,
            Type.DOUBLE,
            4.0,
            POSITIVE,
            Importance.MEDIUM,
            "Coarse depth spacing, km (refined twice by 4).")
        .define(
            ASSOCIATOR_MAX_DISTANCE_KM,
            Type.DOUBLE,
            300.0,
            POSITIVE,
            Importance.MEDIUM,
            "Stations farther than this from a grid node are not used there, km.")
        .define(
            ASSOCIATOR_PICK_WINDOW_S,
            Type.DOUBLE,
            60.0,
            POSITIVE,
            Importance.MEDIUM,
            "Span of the picks that nucleate one event, and the longest P travel time accepted"
                + " into an event, seconds.")
        .define(
            ASSOCIATOR_RELEASE_LATENESS_S,
            Type.DOUBLE,
            1.0,
            NON_NEGATIVE,
            Importance.MEDIUM,
            "Extra data seconds the associator waits, after every station has passed a pick,"
                + " before processing it.")
        .define(
            ASSOCIATOR_MAX_LATENESS_S,
            Type.DOUBLE,
            AssociatorSettings.DEFAULT_MAX_LATENESS_SECONDS,
            NON_NEGATIVE,
            Importance.MEDIUM,
            "A pick that reaches the associator after later picks were processed (a picker that"
                + " fell behind) is still used if it is at most this many data seconds older than"
                + " the newest processed pick: it joins an open event or nucleates with the"
                + " unassociated picks before and after it, which are kept this much longer.")
        .define(
            ASSOCIATOR_STATION_QUIET_S,
            Type.DOUBLE,
            180.0,
            NON_NEGATIVE,
            Importance.MEDIUM,
            "After a station's P joined an event, its later picks within this many data seconds"
                + " cannot anchor a new event (they may still support one anchored elsewhere): S"
                + " waves and coda re-trigger STA/LTA, and the coda of an M5 lasts minutes at local"
                + " distances. With a picker that labels S and does not re-trigger on coda"
                + " (PhaseNet) set 0: it also blocks aftershocks and overlapping events. In the"
                + " bundled demo it keeps 4 picks at 03:11:28-38 (an aftershock 6 km from the"
                + " mainshock, or coda) from becoming a second event.")
        .define(
            ASSOCIATOR_STATION_TIMEOUT_MS,
            Type.LONG,
            30_000L,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Wall-clock ms after which a silent station no longer holds the associator's data"
                + " time back (liveness only).")
        .define(
            ASSOCIATOR_IDLE_FLUSH_MS,
            Type.LONG,
            10_000L,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Wall-clock ms without any input after which all buffered picks are associated (end"
                + " of a replay); the only other use of wall-clock time.");
  }

  private static ConfigDef travelTimes(ConfigDef def) {
    return def.define(
            ASSOCIATOR_TRAVELTIME_MODEL,
            Type.STRING,
            "iasp91",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Travel-time model: a TauP model name (iasp91, ak135, ...), the path of a TauP .nd or"
                + " .tvel model file, or '"
                + LAYERED
                + "' for the flat layered P model of "
                + ASSOCIATOR_VELOCITY_MODEL
                + " (S = P x "
                + ASSOCIATOR_VP_VS
                + ").")
        .define(
            ASSOCIATOR_TRAVELTIME_CACHE_DIR,
            Type.STRING,
            Path.of(System.getProperty("user.home"), ".cache", "seiswatch", "traveltime")
                .toString(),
            Importance.LOW,
            "Directory where TauP travel-time tables are cached (built once per model, grid and"
                + " TauP version; a corrupt file is rebuilt).")
        .define(
            ASSOCIATOR_TRAVELTIME_MAX_DEG,
            Type.DOUBLE,
            20.0,
            ConfigDef.Range.between(0.1, 180),
            Importance.LOW,
            "Largest epicentral distance of the TauP table, degrees.")
        .define(
            ASSOCIATOR_TRAVELTIME_STEP_DEG,
            Type.DOUBLE,
            0.01,
            ConfigDef.Range.between(0.001, 1),
            Importance.LOW,
            "Distance step of the TauP table, degrees (depth nodes: 1 km to 50 km, 2 km to 200"
                + " km, 5 km to 700 km).")
        .define(
            ASSOCIATOR_VP_VS,
            Type.DOUBLE,
            1.75,
            ConfigDef.Range.atLeast(1.01),
            Importance.LOW,
            "vp/vs ratio giving S times from the layered model.")
        .define(
            ASSOCIATOR_FINAL_QUIET_S,
            Type.DOUBLE,
            AssociatorSettings.DEFAULT_FINAL_QUIET_SECONDS,
            POSITIVE,
            Importance.MEDIUM,
            "An event whose newest pick is this many data seconds older than the associator's"
                + " data time gets a Final version and takes no more picks.")
        .define(
            ASSOCIATOR_MIN_PICKS,
            Type.INT,
            4,
            ConfigDef.Range.atLeast(3),
            Importance.HIGH,
            "Consistent P and S picks needed for a new event (with "
                + ASSOCIATOR_MIN_STATIONS
                + "); raise it for a dense network with many false picks.")
        .define(
            ASSOCIATOR_NUCLEATION_RADIUS_KM,
            Type.DOUBLE,
            80.0,
            POSITIVE,
            Importance.MEDIUM,
            "New events are searched for within this distance of the station of the newest pick,"
                + " km.")
        .define(
            ASSOCIATOR_NUCLEATION_SPACING_KM,
            Type.DOUBLE,
            8.0,
            POSITIVE,
            Importance.MEDIUM,
            "Horizontal node spacing of the new-event search, km (the tolerance widens with it).")
        .define(
            ASSOCIATOR_NUCLEATION_DEPTH_SPACING_KM,
            Type.DOUBLE,
            15.0,
            POSITIVE,
            Importance.MEDIUM,
            "Depth node spacing of the new-event search, km.");
  }

  private static ConfigDef magnitude(ConfigDef def) {
    var d = MagnitudeSettings.DEFAULTS;
    var a = AmplitudeSettings.DEFAULTS;
    return def.define(
            MAGNITUDE_ENABLED,
            Type.BOOLEAN,
            d.enabled(),
            Importance.MEDIUM,
            "Whether events carry a local magnitude ML (Wood-Anderson amplitudes of the horizontal"
                + " channels, simulated with the StationXML responses on seis.stations).")
        .define(
            MAGNITUDE_LOGA0_N,
            Type.DOUBLE,
            d.n(),
            Importance.MEDIUM,
            "-log A0(r) = n log10(r/r_ref) + k (r - r_ref) + c, r hypocentral km: n (default"
                + " Hutton and Boore 1987).")
        .define(
            MAGNITUDE_LOGA0_K,
            Type.DOUBLE,
            d.k(),
            Importance.MEDIUM,
            "-log A0: anelastic coefficient k, 1/km (Hutton and Boore 1987).")
        .define(
            MAGNITUDE_LOGA0_C,
            Type.DOUBLE,
            d.c(),
            Importance.MEDIUM,
            "-log A0: value c at the reference distance (3.0: Richter's 1 mm at 100 km is ML 3).")
        .define(
            MAGNITUDE_LOGA0_REFERENCE_KM,
            Type.DOUBLE,
            d.referenceKm(),
            POSITIVE,
            Importance.LOW,
            "-log A0: reference distance r_ref, km.")
        .define(
            MAGNITUDE_MIN_STATIONS,
            Type.INT,
            d.minStations(),
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "A magnitude from fewer stations is marked unreliable.")
        .define(
            MAGNITUDE_WINDOW_MIN_S,
            Type.DOUBLE,
            d.minWindowSeconds(),
            NON_NEGATIVE,
            Importance.LOW,
            "The amplitude window runs from the P pick to the predicted S plus max(this, "
                + MAGNITUDE_WINDOW_SP_FACTOR
                + " x (S - P)), seconds.")
        .define(
            MAGNITUDE_WINDOW_SP_FACTOR,
            Type.DOUBLE,
            d.windowFactor(),
            NON_NEGATIVE,
            Importance.LOW,
            "See " + MAGNITUDE_WINDOW_MIN_S + ".")
        .define(
            MAGNITUDE_HORIZONTALS,
            Type.STRING,
            d.combine(),
            ConfigDef.ValidString.in(MagnitudeSettings.MEAN, MagnitudeSettings.MAX),
            Importance.LOW,
            "Station amplitude from its two horizontals: mean (mean of their MLs: geometric mean"
                + " of the amplitudes) or max.")
        .define(
            MAGNITUDE_HIGHPASS_HZ,
            Type.DOUBLE,
            a.highPassHz(),
            POSITIVE,
            Importance.LOW,
            "Butterworth high-pass of the Wood-Anderson simulation (stability; order >= 2), Hz.")
        .define(
            MAGNITUDE_LOWPASS_HZ,
            Type.DOUBLE,
            a.lowPassHz(),
            POSITIVE,
            Importance.LOW,
            "Butterworth low-pass of the simulation (bounds the deconvolved gain; at most 0.4 x"
                + " the sample rate), Hz.")
        .define(
            MAGNITUDE_WARMUP_S,
            Type.DOUBLE,
            a.warmupSeconds(),
            NON_NEGATIVE,
            Importance.LOW,
            "Data seconds after the start of a segment (first block, or after a gap) that do not"
                + " count towards amplitudes while the filter settles.")
        .define(
            MAGNITUDE_CLIP_FULL_SCALE,
            Type.DOUBLE,
            a.fullScaleCounts(),
            POSITIVE,
            Importance.MEDIUM,
            "Digitiser full scale, counts (2^23 for 24 bits).")
        .define(
            MAGNITUDE_CLIP_FRACTION,
            Type.DOUBLE,
            a.clipFraction(),
            ConfigDef.Range.between(0.01, 1.0),
            Importance.MEDIUM,
            "A block with a |count| at or above this fraction of full scale is clipped.")
        .define(
            MAGNITUDE_CLIP_FLAT_SAMPLES,
            Type.INT,
            a.clipFlatSamples(),
            ConfigDef.Range.atLeast(2),
            Importance.LOW,
            "A block with this many consecutive equal samples at its largest |count| (at least"
                + " half of full scale) is clipped (flat top).");
  }

  public MagnitudeSettings magnitudeSettings() {
    return new MagnitudeSettings(
        getBoolean(MAGNITUDE_ENABLED),
        getDouble(MAGNITUDE_LOGA0_N),
        getDouble(MAGNITUDE_LOGA0_K),
        getDouble(MAGNITUDE_LOGA0_C),
        getDouble(MAGNITUDE_LOGA0_REFERENCE_KM),
        getInt(MAGNITUDE_MIN_STATIONS),
        getDouble(MAGNITUDE_WINDOW_MIN_S),
        getDouble(MAGNITUDE_WINDOW_SP_FACTOR),
        getString(MAGNITUDE_HORIZONTALS));
  }

  public AmplitudeSettings amplitudeSettings() {
    return new AmplitudeSettings(
        getDouble(MAGNITUDE_HIGHPASS_HZ),
        getDouble(MAGNITUDE_LOWPASS_HZ),
        getDouble(MAGNITUDE_WARMUP_S),
        getDouble(MAGNITUDE_CLIP_FULL_SCALE),
        getDouble(MAGNITUDE_CLIP_FRACTION),
        getInt(MAGNITUDE_CLIP_FLAT_SAMPLES));
  }

  public NucleationSettings nucleationSettings() {
    return new NucleationSettings(
        getInt(ASSOCIATOR_MIN_PICKS),
        getDouble(ASSOCIATOR_NUCLEATION_RADIUS_KM),
        getDouble(ASSOCIATOR_NUCLEATION_SPACING_KM),
        getDouble(ASSOCIATOR_NUCLEATION_DEPTH_SPACING_KM));
  }

  public TableGrid tableGrid() {
    return new TableGrid(
        getDouble(ASSOCIATOR_TRAVELTIME_MAX_DEG), getDouble(ASSOCIATOR_TRAVELTIME_STEP_DEG), 700);
  }

  public String travelTimeModel() {
    return getString(ASSOCIATOR_TRAVELTIME_MODEL);
  }

  public Path travelTimeCacheDir() {
    return Path.of(getString(ASSOCIATOR_TRAVELTIME_CACHE_DIR));
  }

  public double vpVs() {
    return getDouble(ASSOCIATOR_VP_VS);
  }

  public StaLtaSettings staLtaSettings() {
    return new StaLtaSettings(
        getDouble(PICKER_STA_S),
        getDouble(PICKER_LTA_S),
        getDouble(PICKER_ON_RATIO),
        getDouble(PICKER_OFF_RATIO),
        getDouble(PICKER_LOW_HZ),
        getDouble(PICKER_HIGH_HZ),
        getDouble(PICKER_RETRIGGER_S),
        getDouble(PICKER_REFINE_BEFORE_S),
        getDouble(PICKER_REFINE_AFTER_S));
  }

  /** Whether the PhaseNet picker is configured ({@value #PICKER_TYPE} = phasenet). */
  public boolean usesPhaseNet() {
    return PICKER_TYPE_PHASENET.equals(getString(PICKER_TYPE));
  }

  /**
   * Stride, horizon and blinding in samples at the model's {@code sampleRate}; edge weight and S
   * centre level.
   */
  public StackSettings stackSettings(double sampleRate) {
    return StackSettings.ofSeconds(
            getDouble(PHASENET_STRIDE_S),
            getDouble(PHASENET_HORIZON_S),
            getDouble(PHASENET_BLINDING_S),
            sampleRate)
        .withEdgeWeight(getDouble(PHASENET_EDGE_WEIGHT))
        .withSCentreLevel(getDouble(PHASENET_S_CENTRE_LEVEL));
  }

  /** The streaming PhaseNet settings at the model's {@code sampleRate}. */
  public PhaseNetProcessor.Settings phaseNetSettings(double sampleRate) {
    return new PhaseNetProcessor.Settings(
        stackSettings(sampleRate),
        (int) Math.round(getDouble(PHASENET_GAP_FILL_S) * sampleRate),
        (int) Math.round(getDouble(PHASENET_MAX_LEAD_S) * sampleRate));
  }

  /** The model and manifest files of {@value #PHASENET_MODEL_PATH} (bundled when blank). */
  public ModelFiles modelFiles() {
    return ModelFiles.resolve(getString(PHASENET_MODEL_PATH), getString(PHASENET_MANIFEST_PATH));
  }

  public LocatorSettings locatorSettings() {
    return new LocatorSettings(
        getDouble(ASSOCIATOR_RESIDUAL_S),
        getDouble(ASSOCIATOR_GRID_MARGIN_KM),
        getDouble(ASSOCIATOR_GRID_SPACING_KM),
        getDouble(ASSOCIATOR_DEPTH_MIN_KM),
        getDouble(ASSOCIATOR_DEPTH_MAX_KM),
        getDouble(ASSOCIATOR_DEPTH_SPACING_KM),
        getDouble(ASSOCIATOR_MAX_DISTANCE_KM));
  }

  public AssociatorSettings associatorSettings() {
    return new AssociatorSettings(
        getInt(ASSOCIATOR_MIN_STATIONS),
        getDouble(ASSOCIATOR_PICK_WINDOW_S),
        getDouble(ASSOCIATOR_ASSOCIATION_WINDOW_S),
        getDouble(ASSOCIATOR_RELEASE_LATENESS_S),
        getDouble(ASSOCIATOR_STATION_QUIET_S),
        getDouble(ASSOCIATOR_FINAL_QUIET_S),
        getDouble(ASSOCIATOR_MAX_LATENESS_S));
  }

  public VelocityModel velocityModel() {
    return VelocityModel.parse(getString(ASSOCIATOR_VELOCITY_MODEL));
  }

  public double assemblerMaxLatenessSeconds() {
    return getDouble(ASSEMBLER_MAX_LATENESS_S);
  }

  public String region() {
    return getString(ASSOCIATOR_REGION);
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  public long stationTimeoutMs() {
    return getLong(ASSOCIATOR_STATION_TIMEOUT_MS);
  }

  public long idleFlushMs() {
    return getLong(ASSOCIATOR_IDLE_FLUSH_MS);
  }
}

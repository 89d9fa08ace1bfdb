package org.seiswatch.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one JSON configuration of every Seiswatch message: instants as ISO-8601 UTC with exactly
 * three decimals ({@code 2019-04-14T03:09:02.000Z}, the form the NEIC detection-format libraries
 * accept), unknown fields ignored so that older consumers read newer messages.
 */
public final class Json {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new SimpleModule("seiswatch-instants").addSerializer(new MillisInstant()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Json() {}

  /** The shared mapper. Configured once here; callers must not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code instant} as every Seiswatch message writes it: {@code 2019-04-14T03:09:02.000Z}. */
  public static String format(Instant instant) {
    return MILLIS.format(toMillis(instant));
  }

  /** {@code instant} rounded to the nearest millisecond: what survives a trip through JSON. */
  public static Instant toMillis(Instant instant) {
    long millis = instant.getEpochSecond() * 1000 + instant.getNano() / 1_000_000;
    return Instant.ofEpochMilli(instant.getNano() % 1_000_000 >= 500_000 ? millis + 1 : millis);
  }

  /** Writes instants with millisecond precision, rounded half up. */
  private static final class MillisInstant extends StdSerializer<Instant> {
    MillisInstant() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }
}

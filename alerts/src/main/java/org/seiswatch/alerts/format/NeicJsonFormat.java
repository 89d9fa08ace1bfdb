package org.seiswatch.alerts.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.List;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;

/**
 * NEIC Detection JSON (usgs/earthquake-detection-formats {@code format-docs/Detection.md}, plus
 * {@code Version}; {@code docs/formats/Detection.md}): the messages of {@code seis.events} as they
 * are, in a JSON array.
 */
public final class NeicJsonFormat implements EventFormat {
  private static final TypeReference<List<Detection>> LIST = new TypeReference<>() {};

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] writeEvents(List<Detection> events, FormatContext context) {
    return write(events);
  }

  @Override
  public byte[] writeVersions(List<Detection> versions, FormatContext context) {
    return write(versions);
  }

  /** One Detection as the JSON object of {@code seis.events}. */
  public byte[] write(Detection detection) {
    return write((Object) detection);
  }

  private static byte[] write(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write Detection JSON", e);
    }
  }

  /**
   * Reads one Detection object.
   *
   * @throws InvalidRecordException if it is not valid Detection JSON
   */
  public Detection read(byte[] json) {
    try {
      return Json.mapper().readValue(json, Detection.class);
    } catch (IOException e) {
      throw new InvalidRecordException("not a valid Detection JSON object: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an array of Detections, as {@link #writeEvents} writes it.
   *
   * @throws InvalidRecordException if it is not a valid Detection JSON array
   */
  public List<Detection> readList(byte[] json) {
    try {
      return Json.mapper().readValue(json, LIST);
    } catch (IOException e) {
      throw new InvalidRecordException("not a valid Detection JSON array: " + e.getMessage(), e);
    }
  }
}

package org.seiswatch.ingest.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.seiswatch.common.error.ConfigurationException;

/**
 * The producer settings both ingest paths share: any {@code producer.*} setting passes through to
 * the Kafka producer, except the ones that make delivery durable ({@code acks=all}, idempotence),
 * which are fixed.
 */
public final class ProducerSettings {
  public static final String PREFIX = "producer.";

  private ProducerSettings() {}

  /**
   * Rejects a {@code producer.<key>} setting for each of {@code fixed}.
   *
   * @param why the end of the message, saying why the setting is fixed
   */
  public static void rejectFixed(Map<String, ?> originals, List<String> fixed, String why) {
    for (String key : fixed) {
      if (originals.containsKey(PREFIX + key)) {
        throw new ConfigurationException(PREFIX + key + " cannot be set" + why);
      }
    }
  }

  /**
   * The pass-through settings plus servers, client id, {@code acks=all}, idempotence and the String
   * key / byte[] value serializers; the caller adds what is its own.
   */
  public static Map<String, Object> durable(
      Map<String, Object> passThrough, Object bootstrapServers, String clientId) {
    Map<String, Object> props = new HashMap<>(passThrough);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }
}

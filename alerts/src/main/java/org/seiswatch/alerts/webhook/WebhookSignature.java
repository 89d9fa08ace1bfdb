package org.seiswatch.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature ({@code alerts/README.md} "Webhooks"): {@code sha256=} and the lower-case
 * hex HMAC-SHA256, keyed with the subscription's secret (UTF-8), of the ASCII timestamp of the
 * {@code X-Seiswatch-Timestamp} header, a full stop, and the exact body bytes:
 *
 * <pre>
 * X-Seiswatch-Signature: sha256=hex(HMAC_SHA256(secret, timestamp + "." + body))
 * </pre>
 *
 * Signing the timestamp too lets a receiver refuse old captured requests (replays) by checking that
 * the timestamp is recent; each retry is signed afresh with its own timestamp.
 */
public final class WebhookSignature {
  /** The prefix naming the algorithm, as GitHub and others write it. */
  public static final String PREFIX = "sha256=";

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The value of {@code X-Seiswatch-Signature} for this timestamp and body. */
  public static String sign(String secret, String timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
  }

  /** True if {@code signature} is the signature of this timestamp and body (constant time). */
  public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
    if (signature == null || !signature.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret, timestamp, body), given);
  }

  private static byte[] mac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}

package org.seiswatch.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "0123456789abcdef-secret";
  private static final byte[] BODY =
      "{\"eventId\":\"sw1\",\"version\":1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldMatchIndependentHmacWhenSigningTimestampDotBody() {
    // python3: hmac.new(b'0123456789abcdef-secret', b'1555211342.' + body, hashlib.sha256)
    assertEquals(
        "sha256=52df39be356364d56c03847f8787881729329856abf8ab9845662813cd29bb52",
        WebhookSignature.sign(SECRET, "1555211342", BODY));
  }

  @Test
  void shouldVerifyWhenSignatureIsOwn() {
    String signature = WebhookSignature.sign(SECRET, "1555211342", BODY);

    assertTrue(WebhookSignature.verify(SECRET, "1555211342", BODY, signature));
  }

  @Test
  void shouldRejectWhenBodyTimestampSecretOrFormatDiffer() {
    String signature = WebhookSignature.sign(SECRET, "1555211342", BODY);
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 2] = '2';

    assertFalse(WebhookSignature.verify(SECRET, "1555211342", tampered, signature));
    assertFalse(WebhookSignature.verify(SECRET, "1555211343", BODY, signature));
    assertFalse(WebhookSignature.verify(SECRET + "x", "1555211342", BODY, signature));
    assertFalse(WebhookSignature.verify(SECRET, "1555211342", BODY, signature.substring(7)));
    assertFalse(WebhookSignature.verify(SECRET, "1555211342", BODY, "sha256=zz"));
    assertFalse(WebhookSignature.verify(SECRET, "1555211342", BODY, null));
  }
}

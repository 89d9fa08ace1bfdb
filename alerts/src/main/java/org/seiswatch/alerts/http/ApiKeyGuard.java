package org.seiswatch.alerts.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Decides which requests need an API key ({@code X-API-Key} header): every request except a GET of
 * a public path. A public path entry covers the path itself and everything below it ({@code
 * /api/events} covers {@code /api/events/sw1}); {@code /} covers only the root. Keys are compared
 * in constant time. With no keys configured, every guarded request is refused: the safe default.
 */
public final class ApiKeyGuard {
  public static final String HEADER = "X-API-Key";

  private final List<byte[]> keys;
  private final List<String> publicPaths;
  private final boolean open;

  private ApiKeyGuard(List<String> keys, List<String> publicPaths, boolean open) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    this.publicPaths = List.copyOf(publicPaths);
    this.open = open;
  }

  /**
   * @param keys the accepted keys
   * @param publicPaths paths whose GETs need no key
   */
  public static ApiKeyGuard of(List<String> keys, List<String> publicPaths) {
    return new ApiKeyGuard(keys, publicPaths, false);
  }

  /** A guard that lets everything through (tests, embedded demo). */
  public static ApiKeyGuard open() {
    return new ApiKeyGuard(List.of(), List.of(), true);
  }

  /** True if a GET of this path needs no key. */
  public boolean isPublic(String path) {
    for (String p : publicPaths) {
      if (path.equals(p) || (!p.equals("/") && path.startsWith(p + "/"))) {
        return true;
      }
    }
    return false;
  }

  /** A 401 answer if the request needs a key and has no valid one; empty if it may proceed. */
  public Optional<JsonResponse> check(ApiRequest request) {
    if (open || ("GET".equals(request.method()) && isPublic(request.path()))) {
      return Optional.empty();
    }
    Optional<String> given = request.header(HEADER);
    if (given.isEmpty()) {
      return Optional.of(
          JsonResponse.error(
              401,
              request.method() + " " + request.path() + " needs an " + HEADER + " header",
              request.path()));
    }
    byte[] candidate = given.get().getBytes(StandardCharsets.UTF_8);
    boolean valid = false;
    for (byte[] key : keys) {
      valid |= MessageDigest.isEqual(key, candidate);
    }
    return valid
        ? Optional.empty()
        : Optional.of(JsonResponse.error(401, "the " + HEADER + " is not valid", request.path()));
  }
}

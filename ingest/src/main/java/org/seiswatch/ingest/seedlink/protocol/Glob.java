package org.seiswatch.ingest.seedlink.protocol;

import java.util.Locale;

/**
 * SeedLink wildcard matching: {@code ?} matches any one character, {@code *} any run (also empty);
 * case-insensitive, as station and channel codes are.
 */
public final class Glob {
  private Glob() {}

  public static boolean matches(String pattern, String text) {
    String p = pattern.toUpperCase(Locale.ROOT);
    String t = text.toUpperCase(Locale.ROOT);
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
        pi++;
        ti++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}

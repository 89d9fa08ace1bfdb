package org.seiswatch.common.model;

/** Seismic phase of a pick. */
public enum Phase {
  P,
  S
}

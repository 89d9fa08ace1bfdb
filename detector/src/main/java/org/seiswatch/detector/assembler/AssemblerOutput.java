package org.seiswatch.detector.assembler;

/** What the assembler forwards: contiguous samples, or a raw record it had to reject. */
public sealed interface AssemblerOutput permits SampleBlock, RejectedRecord {}

package org.mtl4j.runtime;

/** The typed result of one task for one input. */
public sealed interface TaskResult permits ClassificationResult, MultiLabelResult, TaggingResult {}

/**
 * The checkpoint container: a versioned binary file ({@link org.liko.engine.checkpoint.Checkpoint})
 * whose header names the format version, the liko version and the SHA-256 of the canonical
 * resolved scenario, followed by the state and a CRC32C, and the readers and writers of state
 * ({@link org.liko.engine.checkpoint.StateOut}, {@link org.liko.engine.checkpoint.StateIn}) that
 * keep doubles as raw bits and RNG states as Commons RNG saves them. Nothing here knows about
 * physics: a model writes its own sections.
 */
package org.liko.engine.checkpoint;

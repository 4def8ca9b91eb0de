package io.impetus.core.protocol;

/**
 * Pushed to every registered node when jobs are submitted to a stream.
 *
 * @param backlog the stream's backlog after the submission
 */
public record BacklogNotice(StreamBacklog backlog) implements Push {}

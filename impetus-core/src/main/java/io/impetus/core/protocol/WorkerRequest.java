package io.impetus.core.protocol;

/**
 * The requests a worker sends: leases, completions, its stream's code bundle and data store. The
 * queue serves a peer that authenticated in this role with a session that accepts these and
 * nothing else: any other message closes the connection unread.
 */
public sealed interface WorkerRequest extends Request
    permits LeaseJobs, CompleteJobs, GetBundle, PutData, GetData {}

package io.impetus.core.protocol;

/**
 * The requests a client sends: its stream, its code bundle, its jobs, their results'
 * acknowledgements, the stream's data store, and questions about its own stream. The queue serves
 * a peer that authenticated in this role with a session that accepts these and nothing else: any
 * other message closes the connection unread.
 */
public sealed interface ClientRequest extends Request
    permits OpenStream, CloseStream, HasBundle, PutBundle, SubmitJobs, AckResults, PutData, GetData,
    DeleteData, QueryStream {}

package io.impetus.queue.internal.stream;

import io.impetus.queue.LeaseOrder;
import io.impetus.queue.internal.journal.Journal;
import java.time.Clock;

/**
 * What every stream of a queue shares: time, timers, the journal, and where lease epochs start.
 *
 * @param clock the time source for delays
 * @param scheduler the timers for long polls and delayed jobs
 * @param journal where streams record their changes
 * @param firstEpoch the first lease epoch of this start of the queue: epochs are never reused
 *     across restarts, so a completion from before a restart cannot pass for a current one
 * @param leaseOrder which parked worker gets a stream's next job
 */
public record StreamContext(Clock clock, Scheduler scheduler, Journal journal, long firstEpoch,
    LeaseOrder leaseOrder) {

  /** A context whose streams pack leases onto the busiest nodes, the queue's default. */
  public StreamContext(Clock clock, Scheduler scheduler, Journal journal, long firstEpoch) {
    this(clock, scheduler, journal, firstEpoch, LeaseOrder.PACK);
  }
}

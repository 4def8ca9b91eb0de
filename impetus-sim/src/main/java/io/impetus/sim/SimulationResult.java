package io.impetus.sim;

/**
 * What one policy did on one trace. Immutable. Node-seconds run from a node's launch to its
 * leaving (or the end of the run); they split exactly into {@code bootNodeSeconds} (booting),
 * {@code idleNodeSeconds} (ready or draining with a slot unused: unused slot-seconds divided by
 * the slots) and the work itself (busy slot-seconds divided by the slots, which is {@code
 * boundNodeSeconds} plus any work lost to interruptions).
 *
 * @param policy the policy's name
 * @param trace the trace's name
 * @param jobs jobs in the trace
 * @param nodeSeconds what the nodes cost
 * @param bootNodeSeconds the part of it spent booting
 * @param idleNodeSeconds the part of it in unused slots of ready and draining nodes
 * @param boundNodeSeconds the clairvoyant lower bound: the trace's summed job durations divided
 *     by the slots per node (see {@link Bounds#fluid})
 * @param zeroWaitNodeSeconds the cost of serving every job the moment it arrives with nodes that
 *     start instantly and are packed perfectly (see {@link Bounds#zeroWait}); a reference, not a
 *     bound for policies that let jobs wait
 * @param waits the queue waits
 * @param peakNodes the most nodes up at once (booting, ready and draining)
 * @param starts nodes launched
 * @param drains drains ordered (of booting or ready nodes)
 * @param interrupted job runs killed because their draining node's grace ran out
 * @param unfinished jobs not finished when the run ended (0 unless the policy starved them)
 * @param endSeconds when the run ended
 */
public record SimulationResult(
    String policy, String trace, int jobs, double nodeSeconds, double bootNodeSeconds,
    double idleNodeSeconds, double boundNodeSeconds, double zeroWaitNodeSeconds,
    WaitStats waits, int peakNodes, int starts, int drains, int interrupted, int unfinished,
    double endSeconds) {

  /** Node-seconds over the bound: 1.0 is a perfect fit, and no policy can go below it. */
  public double costRatio() {
    return boundNodeSeconds > 0 ? nodeSeconds / boundNodeSeconds : Double.NaN;
  }
}

package cz.proklik.pull;

/** How one node's pull went: done, or stopped by an error, with what was done before it. */
public sealed interface NodeOutcome {
    String node();

    NodeCounts counts();

    /** Every closed file of the node was looked at. */
    record Done(String node, NodeCounts counts) implements NodeOutcome {
    }

    /**
     * Stopped: the connection broke, the login or host key was refused, a folder could not be read. A file cut
     * mid-transfer stays as {@code .part} and the next pull resumes it from its length.
     */
    record Failed(String node, NodeCounts counts, String reason) implements NodeOutcome {
    }
}

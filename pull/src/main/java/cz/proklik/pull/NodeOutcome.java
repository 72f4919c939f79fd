package cz.proklik.pull;

/** How one node's pull went: done, or stopped by an error, with what was done before it. */
public sealed interface NodeOutcome {
    String node();

    NodeCounts counts();

    /** Whether an operator should look: the node failed, or a file's content did not match. */
    default boolean needsAttention() {
        return this instanceof Failed || counts().mismatched() > 0;
    }

    /** One line for the operator: the node, what was done, and why it stopped if it did. */
    default String describe() {
        if (this instanceof Failed failed) {
            return failed.node() + ": FAILED: " + failed.reason() + " (so far " + failed.counts() + ")";
        }
        return node() + ": " + counts();
    }

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

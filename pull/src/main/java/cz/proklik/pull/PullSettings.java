package cz.proklik.pull;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every configured node, what happens on a node to an imported file, and how long a connection may stay silent
 * before it counts as broken.
 */
public record PullSettings(List<PullNode> nodes, AfterImport afterImport, Duration timeout) {
    public PullSettings {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(afterImport, "afterImport");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pull timeout must be positive");
        }
        long distinct = nodes.stream().map(PullNode::name).distinct().count();
        if (distinct != nodes.size()) {
            throw new IllegalArgumentException("pull nodes must have distinct names");
        }
        long distinctDirs = nodes.stream().map(PullNode::localDir).distinct().count();
        if (distinctDirs != nodes.size()) {
            throw new IllegalArgumentException("each pull node needs a local folder of its own");
        }
    }
}

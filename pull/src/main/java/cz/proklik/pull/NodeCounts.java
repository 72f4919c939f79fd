package cz.proklik.pull;

/**
 * What a pull did on one node.
 *
 * @param pulled     files downloaded, verified and renamed into the local folder
 * @param resumed    of those, files continued from a {@code .part} an earlier, broken transfer left
 * @param bytes      bytes downloaded into parts, also of a transfer that broke (the verifying re-reads not counted)
 * @param waiting    closed files already in the local folder, not imported yet (left on the node)
 * @param removed    imported files removed (or moved to {@code pulled/}) on the node
 * @param mismatched downloads whose content differed from the node's on the verifying re-read (discarded, retried
 *                   by the next pull) and imported files whose node copy has other content (left there)
 */
public record NodeCounts(int pulled, int resumed, long bytes, int waiting, int removed, int mismatched) {
    public static final NodeCounts NONE = new NodeCounts(0, 0, 0, 0, 0, 0);

    NodeCounts pulledOne(boolean wasResumed) {
        return new NodeCounts(pulled + 1, resumed + (wasResumed ? 1 : 0), bytes, waiting, removed, mismatched);
    }

    NodeCounts addBytes(long transferred) {
        return new NodeCounts(pulled, resumed, bytes + transferred, waiting, removed, mismatched);
    }

    NodeCounts waitingOne() {
        return new NodeCounts(pulled, resumed, bytes, waiting + 1, removed, mismatched);
    }

    NodeCounts removedOne() {
        return new NodeCounts(pulled, resumed, bytes, waiting, removed + 1, mismatched);
    }

    NodeCounts mismatchedOne() {
        return new NodeCounts(pulled, resumed, bytes, waiting, removed, mismatched + 1);
    }

    @Override
    public String toString() {
        return pulled + " pulled (" + resumed + " resumed, " + bytes + " bytes), " + waiting
                + " waiting for import, " + removed + " removed on the node, " + mismatched + " mismatched";
    }
}

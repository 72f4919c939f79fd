package cz.proklik.pull;

/** What a pull does on the node with a file the import has recorded as imported. */
public enum AfterImport {
    /** Remove it from the node's click-log folder. */
    DELETE,
    /** Move it into {@code pulled/} below the node's click-log folder (the node's own housekeeping removes it). */
    MOVE
}

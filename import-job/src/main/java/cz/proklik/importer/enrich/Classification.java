package cz.proklik.importer.enrich;

/** The per-event flags of one raw event, and the user-agent facts they were decided on. */
public record Classification(UserAgentInfo userAgent, boolean botUserAgent, boolean securityScanner, boolean prefetch,
                         boolean mppSuspect) {

    /** No flag set by the per-event rules (the database rules may still add one). */
    public boolean clean() {
        return !botUserAgent && !securityScanner && !prefetch && !mppSuspect;
    }
}

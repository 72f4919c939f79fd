package cz.proklik.bounces.fetch;

import java.time.Instant;
import java.util.Objects;

/** One message as a bounce source holds it: a handle for moving it, its raw bytes, when it arrived (or null). */
public record SourceMessage(Object handle, String label, byte[] raw, Instant received) {
    public SourceMessage {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(raw, "raw");
    }
}

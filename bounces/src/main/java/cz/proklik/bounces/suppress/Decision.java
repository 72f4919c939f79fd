package cz.proklik.bounces.suppress;

import java.util.Objects;

/** What the suppression rules made of one recipient outcome. */
public sealed interface Decision {

    /** The address is suppressed now ({@code scope} all or marketing), or was already ({@code isNew} false). */
    record Suppressed(String scope, String reason, boolean isNew) implements Decision {
        public Suppressed {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A soft bounce counted: {@code count} of {@code threshold} since the window start or the last sign of life. */
    record Counted(int count, int threshold) implements Decision {
    }

    /** A block against the sender: an alert for the operator, the address untouched. */
    record Alert(String reason) implements Decision {
        public Alert {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing to do (an auto-reply). */
    record Ignored() implements Decision {
    }
}

package cz.proklik.erp.followup;

import java.util.Arrays;
import java.util.Locale;

/** new (queued by Proklik) -> taken (the ERP has it) -> done (the ERP finished it). */
public enum FollowupStatus {
    NEW, TAKEN, DONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FollowupStatus fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status '" + code
                        + "' (known: new, taken, done)"));
    }
}

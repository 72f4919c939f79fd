package cz.proklik.erp.followup;

import java.util.Arrays;
import java.util.Locale;

/** What the ERP's workflow makes of a follow-up item. */
public enum ItemKind {
    TASK, ACTIVITY, DEAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemKind fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown item kind '" + code
                        + "' (known: task, activity, deal)"));
    }
}

package cz.proklik.erp.campaign;

import java.util.Locale;

/** Lifecycle of a campaign card (seed 001: sending can pause and resume; "done" makes it read-only). */
public enum CampaignStatus {
    DRAFT, TESTED, SENDING, PAUSED, DONE, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

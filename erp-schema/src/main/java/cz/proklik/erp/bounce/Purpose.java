package cz.proklik.erp.bounce;

import java.util.Locale;

/**
 * What a mail is for, as the suppression list asks it: a complaint stops marketing mail only, a dead address stops
 * everything.
 */
public enum Purpose {
    MARKETING, TRANSACTIONAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

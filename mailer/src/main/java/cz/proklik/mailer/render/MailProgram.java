package cz.proklik.mailer.render;

import cz.proklik.tracking.link.TrackingLink;

import java.util.List;

/**
 * One template version rendered once for one campaign, variant and shape of recipient (which optional fields are
 * present), cut into what is the same for every such recipient and what is not: the subject, the HTML and the
 * plain-text part as literal text between the recipient's values and tracked links, and per tracked link its
 * target with UTM parameters (or, when the target holds recipient data, its parts). Made by
 * {@link MailProgramCompiler}; filled per recipient by {@link MailRenderer}. Immutable.
 */
record MailProgram(Parts subject, Parts html, Parts text, List<Link> links, TrackingLink unsubscribe,
                   TrackingLink open) {
    /** The recipient of the links made and checked here, once; each mail signs them out to its own recipient. */
    static final String ANY_RECIPIENT = "R";

    /** The recipient values a program refers to, by index. */
    static final String[] CONTACT_FIELDS = {"id", "email", "first_name", "last_name", "language", "region",
        "country", "organisation"};
    static final int GREETING = 8;
    static final int UNSUBSCRIBE = 9;
    static final int OPEN = 10;
    static final int AUTOLOGIN = 11;
    static final int VIEW = 12;
    static final int VALUE_COUNT = 13;
    /** Values from this index on are URLs Proklik made: inside a link target they go in as they are. */
    static final int FIRST_URL = UNSUBSCRIBE;

    MailProgram {
        links = List.copyOf(links);
    }

    /**
     * Literal text with references between: {@code literals[0] ref[0] literals[1] … literals[n]}. A reference is
     * {@code VALUE | index} (a recipient value, escaped for the part's context) or {@code LINK | slot} (the signed
     * URL of tracked link {@code slot}).
     */
    record Parts(String[] literals, int[] refs, int literalLength) {
        static final int VALUE = 1 << 16;
        static final int LINK = 2 << 16;
        static final int INDEX = 0xffff;

        boolean hasRefs() {
            return refs.length > 0;
        }
    }

    /**
     * A tracked link as the first occurrence of its element id made it: {@code target} (with UTM parameters, as
     * the mail reports it) and {@code click} (the checked click link to it) when it is the same for every
     * recipient, else both null and {@code targetParts} the target's parts before the UTM parameters (which then
     * are added per recipient, as the reference does).
     */
    record Link(String id, String description, String authored, String term, String target, TrackingLink click,
                Parts targetParts) {
    }
}

package cz.proklik.erp.mailing.suppression;

import java.util.Collection;
import java.util.List;

/**
 * Where "never mail this one" comes from. The mailer asks every source for every list it evaluates; a new source
 * (the bounces module's complaint and bounce table) plugs in by implementing this one method.
 */
public interface SuppressionSource {

    /** A contact with its address (lower-case, may be null) as the list would mail it. */
    record Recipient(String contactId, String email) {
    }

    /** The suppressions that apply to any of {@code recipients}; a contact may have several. */
    List<Suppression> suppressed(Collection<Recipient> recipients);
}

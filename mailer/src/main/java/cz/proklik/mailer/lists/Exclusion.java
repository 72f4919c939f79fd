package cz.proklik.mailer.lists;

import cz.proklik.erp.mailing.suppression.Suppression;

import java.util.List;

/** A contact the list selects but who gets no mail, with every reason (the first decides). */
public record Exclusion(String contactId, String email, List<Suppression> reasons) {
    public Exclusion {
        reasons = List.copyOf(reasons);
    }
}

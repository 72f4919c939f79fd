package cz.proklik.erp.mailing.list;

/**
 * A contact a list selects, before suppression: the address to use (null when the ERP has none), the ERP's
 * marketing consent, and the line of the imported file (0 for criteria lists).
 */
public record Candidate(String contactId, String email, boolean consent, int lineNo) {
}

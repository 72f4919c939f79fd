package cz.proklik.mailer.lists;

/** Someone who gets the mail: the ERP contact id (the recipient of the links) and the address used. */
public record ListRecipient(String contactId, String email) {
}

package cz.proklik.erp.mailing;

/**
 * A recipient as the ERP adapter gives it ({@code pkl_erp_contact} with {@code pkl_erp_contact_greeting}). Any
 * text field may be null: the ERP did not fill it.
 */
public record ErpContact(String id, String email, String firstName, String lastName, String language,
                         String region, String countryCode, String organisationId, boolean emailConsent,
                         String salutation, String vocativeFirstName, String vocativeLastName, String gender) {
}

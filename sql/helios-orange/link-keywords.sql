-- Proklik (click statistics) - tracking links for the keywords of Helios Orange / iNuvio's mass e-mail.
--
-- NOT applied by the migrations. Install AFTER Proklik's migrations (schema 7.0 creates pkl_link_token), with the
-- same login:
--     sqlcmd -I -S <server> -d <Helios database> -i link-keywords.sql
-- Re-runnable (CREATE OR ALTER). Nothing here changes a Helios table. The function is the same as in
-- ../helios-green/link-keywords.sql, which explains the whole procedure (docs/link-format.md, "Links made inside
-- the ERP"): 'proklik links mint' signs the campaign's links per recipient, a keyword expands to
-- pkl_link_url(campaign, recipient, keyword), keyword = link id, '@open' or '@unsubscribe'; NULL = not minted.
--   [confirmed]   TabCisKOs.ID is the contact person's key (the contact_id of the adapter view pkl_erp_contact and
--                 the id the links must carry); TabKontakty.Druh 10 = address for mass e-mail.
--   [PLACEHOLDER] how Orange's mass e-mail binds a keyword to an SQL expression is not public: check it.

-- Plug-in: Proklik (click statistics). The signed link one keyword expands to for one recipient of one campaign,
-- read from pkl_link_token (filled by 'proklik links mint'); NULL when it was not minted. The mailing login needs
-- only EXECUTE on this function:
--     GRANT EXECUTE ON pkl_link_url TO [PLACEHOLDER_helios_mailing_role];
CREATE OR ALTER FUNCTION pkl_link_url (
    @campaign_id  NVARCHAR(64),
    @recipient_id NVARCHAR(64),
    @keyword      NVARCHAR(65)
)
RETURNS NVARCHAR(MAX)
AS
BEGIN
    RETURN (SELECT url FROM pkl_link_token
            WHERE campaign_id = @campaign_id AND recipient_id = @recipient_id AND keyword = @keyword);
END;
GO

-- Plug-in: Proklik (click statistics). A keyword's SQL expression per recipient (contact person k of TabCisKOs):
--     dbo.pkl_link_url(N'C2026-11', CAST(k.ID AS NVARCHAR(64)), N'hero')    -- [confirmed] TabCisKOs.ID
--                                                                           -- [PLACEHOLDER] alias k, binding
-- Before sending, the contacts with a mass e-mail address and no minted link (must be none for the mailing's list):
--     SELECT k.ID FROM TabCisKOs k                                                      -- [confirmed]
--     JOIN TabKontakty c ON c.IDCisKOs = k.ID AND c.Druh = 10                           -- [confirmed]
--     WHERE dbo.pkl_link_url(N'C2026-11', CAST(k.ID AS NVARCHAR(64)), N'@open') IS NULL; -- [PLACEHOLDER] the list

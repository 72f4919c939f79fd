-- Proklik (click statistics) - tracking links for the keywords of Helios Green's own bulk e-mail module.
--
-- NOT applied by the migrations. Install AFTER Proklik's migrations (schema 7.0 creates pkl_link_token), with the
-- same login, so the function lands beside the table:
--     sqlcmd -I -S <server> -d <HeG database> -i link-keywords.sql
-- Re-runnable (CREATE OR ALTER). Nothing here changes a HeG table.
--
-- How it works (docs/link-format.md, "Links made inside the ERP"): the signing key never enters the database.
-- Before the ERP expands the keywords of a mailing, Proklik signs every link of the campaign for each recipient in
-- one run (100,000 links in a few seconds, bench/RESULTS.md):
--     proklik campaigns links add C2026-11 hero --description "hero image" --target https://shop.example.com/
--     proklik links mint --campaign C2026-11 --recipients recipients.csv     (recipient_id = cislo_subjektu)
-- and a keyword in the e-mail body then expands, per recipient, to pkl_link_url(campaign, recipient, keyword):
--     keyword = the link id ("hero") for a click link, '@open' for the open pixel, '@unsubscribe' for the
--     unsubscribe link. NULL means "not minted": the mailing must not be sent (check with the query at the end).
-- Minting again (a link added, a key rotated) replaces the recipients' links; expand the keywords after it.
--
-- READ THIS FIRST: the tables of HeG's bulk e-mail module are not public (see /work/shared/HELIOS.md), so the
-- keyword definition below is marked
--   [PLACEHOLDER] made-up names the installer MUST replace with the module's own (recipient table, its contact
--                 column, the way a keyword is bound to an SQL expression);
--   [confirmed]   cislo_subjektu is the contact key of lcs.kontaktni_osoby, the id the adapter view
--                 pkl_erp_contact gives as contact_id and the id the links must carry.

-- Plug-in: Proklik (click statistics). The signed link one keyword expands to for one recipient of one campaign,
-- read from pkl_link_token (filled by 'proklik links mint'); NULL when it was not minted. The login the bulk
-- e-mail module runs as needs only EXECUTE on this function (ownership chaining reads the table):
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

-- Plug-in: Proklik (click statistics). A keyword's SQL expression in HeG's bulk e-mail module, per recipient row
-- (the module evaluates one expression per keyword and recipient; where it binds them is [PLACEHOLDER]):
--     dbo.pkl_link_url(N'C2026-11', CAST(r.cislo_subjektu AS NVARCHAR(64)), N'hero')   -- [confirmed] cislo_subjektu
--                                                                                        -- [PLACEHOLDER] alias r
-- In the HTML body: <a href="[the keyword]">...</a> and <img src="[the @open keyword]" width="1" height="1" alt="">.
--
-- Before sending, the recipients of the mailing without a minted link (must be none):
--     SELECT r.cislo_subjektu
--     FROM lcs.hromadny_email_prijemce r                        -- [PLACEHOLDER] the module's recipient table
--     WHERE r.cislo_mailingu = 0                                 -- [PLACEHOLDER] the mailing's key
--       AND dbo.pkl_link_url(N'C2026-11', CAST(r.cislo_subjektu AS NVARCHAR(64)), N'@open') IS NULL;

-- Proklik, schema version 10.1: the campaign lifecycle gains 'tested' (docs/mailer-sending.md): draft -> tested (a
-- test message went out) -> sending -> paused -> done. The check is replaced, keeping every value it allowed.

ALTER TABLE pkl_campaign DROP CONSTRAINT ck_pkl_campaign_status;
ALTER TABLE pkl_campaign ADD CONSTRAINT ck_pkl_campaign_status
    CHECK (status IN ('draft', 'tested', 'sending', 'paused', 'done', 'cancelled'));

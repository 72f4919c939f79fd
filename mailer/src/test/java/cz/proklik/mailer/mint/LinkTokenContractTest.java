package cz.proklik.mailer.mint;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.linktoken.LinkTokenDao;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pre-signed links as the ERP reads them ({@link LinkTokenDao#KEYWORD_LOOKUP}, the statement of the Helios
 * scripts): the published test vectors of docs/link-format.md come out of the table exactly. Runs on H2
 * ({@link H2LinkTokenTest}) and on SQL Server where one is found ({@link SqlServerLinkTokenTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LinkTokenContractTest {
    /** The published test key k1 (32 zero bytes) of docs/link-format.md. */
    static final KeyRing TEST_KEY = KeyRing.parse("k1 active " + "A".repeat(43));
    static final String CLICK_VECTOR = "http://localhost:8080/c/1.k1.QzIwMjYtMTEKUjQ4MTUKaGVybwpBCmh0dHBzOi8vc2hvcC5leGFtcGxlLmNvbS8.0HIkulh88IYuvowyTdgxXQ";
    static final String OPEN_VECTOR = "http://localhost:8080/o/1.k1.QzIwMjYtMTEKUjQ4MTUKCkEK.jFfhMLmwISmln03Q-S2qtQ";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);

    private CampaignDao campaigns;
    private LinkTokenDao tokens;

    /** The migrated database of the engine under test. */
    protected abstract DataSource dataSource();

    @BeforeEach
    void campaign() {
        campaigns = new CampaignDao(dataSource(), CLOCK);
        tokens = new LinkTokenDao(dataSource());
        campaigns.register(Campaign.draft("C2026-11", "November", null, "2026-11-20_november"));
        campaigns.saveLink(CampaignLink.registered("C2026-11", "hero", "hero image", "https://shop.example.com/", 1));
    }

    private LinkMinter minter() {
        return new LinkMinter(campaigns, tokens, new LinkCodec(TEST_KEY), "http://localhost:8080", CLOCK);
    }

    @Test
    void theKeywordLookupReturnsThePublishedTestVectors() throws Exception {
        LinkMinter.Minted minted = minter().mint("C2026-11", List.of(new MintRecipient("R4815", "A")));

        assertThat(minted.keyId()).isEqualTo("k1");
        assertThat(tokens.url("C2026-11", "R4815", "hero")).contains(CLICK_VECTOR);
        assertThat(tokens.url("C2026-11", "R4815", "@open")).contains(OPEN_VECTOR);
        String unsubscribe = tokens.url("C2026-11", "R4815", "@unsubscribe").orElseThrow();
        LinkVerification v = new LinkCodec(TEST_KEY).verify(LinkKind.UNSUBSCRIBE,
                unsubscribe.substring("http://localhost:8080/u/".length()));
        assertThat(v).isInstanceOfSatisfying(LinkVerification.Valid.class, valid -> {
            assertThat(valid.link().campaign()).isEqualTo("C2026-11");
            assertThat(valid.link().recipient()).isEqualTo("R4815");
            assertThat(valid.link().variant()).isEqualTo("A");
        });
        // Ids are case-sensitive on both engines (binary collation on SQL Server): r4815 is another contact.
        assertThat(tokens.url("C2026-11", "r4815", "hero")).isEmpty();
        assertThat(tokens.url("C2026-11", "R4815", "HERO")).isEmpty();
    }

    @Test
    void mintingAgainReplacesARecipientsLinksAndLeavesOthersAlone() throws Exception {
        minter().mint("C2026-11", List.of(new MintRecipient("R4815", "A"), new MintRecipient("R1", null)));
        campaigns.saveLink(CampaignLink.registered("C2026-11", "footer", null, "https://shop.example.com/kontakt", 9));
        minter().mint("C2026-11", List.of(new MintRecipient("R4815", "A")));

        assertThat(tokens.count("C2026-11")).isEqualTo(4 + 3); // R4815: hero, footer, open, unsubscribe; R1: 3
        assertThat(tokens.url("C2026-11", "R4815", "hero")).contains(CLICK_VECTOR);
        assertThat(tokens.url("C2026-11", "R4815", "footer")).isPresent();
        assertThat(tokens.url("C2026-11", "R1", "footer")).isEmpty();
        assertThat(tokens.campaignsSignedBy("k1")).containsExactly("C2026-11");
    }

    @Test
    void aLinkWithoutATargetStopsTheMintBeforeAnythingIsWritten() {
        campaigns.register(Campaign.draft("C-DRAFT", "Draft", null, "2026-11-21_draft"));
        campaigns.saveLink(CampaignLink.registered("C-DRAFT", "hero", null, "https://shop.example.com/", 1));
        campaigns.saveLink(new CampaignLink("C-DRAFT", "banner", "no target yet", null, 2));
        assertThatThrownBy(() -> minter().mint("C-DRAFT", List.of(new MintRecipient("R9", null))))
                .isInstanceOf(LinkMinter.NotMintable.class).hasMessageContaining("banner");
        assertThat(tokens.count("C-DRAFT")).isZero();
        // A link registered as authored in a template, keyword and all, is no target either.
        campaigns.saveLink(new CampaignLink("C-DRAFT", "banner", "product", "https://shop.example.com/p/{{sku}}", 2));
        assertThatThrownBy(() -> minter().mint("C-DRAFT", List.of(new MintRecipient("R9", null))))
                .isInstanceOf(LinkMinter.NotMintable.class).hasMessageContaining("banner")
                .hasMessageContaining("nothing was minted");
        assertThat(tokens.count("C-DRAFT")).isZero();
        assertThatThrownBy(() -> minter().mint("NOPE", List.of(new MintRecipient("R9", null))))
                .isInstanceOf(LinkMinter.NotMintable.class).hasMessageContaining("no campaign NOPE");
    }
}

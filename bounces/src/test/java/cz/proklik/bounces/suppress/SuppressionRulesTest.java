package cz.proklik.bounces.suppress;

import cz.proklik.bounces.BounceFixture;
import cz.proklik.bounces.analyze.RecipientOutcome;
import cz.proklik.bounces.classify.Reason;
import cz.proklik.bounces.match.Match;
import cz.proklik.bounces.match.MatchedBy;
import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.bounce.BounceRecord;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.Purpose;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.SendDao;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The suppression rules over time, on the corpus world's database (sends of C0, C1, C2 to every address). */
class SuppressionRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    @TempDir
    Path dir;
    BounceFixture world;
    BounceStore store;
    SuppressionDao suppressions;
    long message;

    @BeforeEach
    void open() {
        world = new BounceFixture(dir);
        store = new BounceStore(world.db.dataSource());
        suppressions = new SuppressionDao(world.db.dataSource());
        message = store.insertMessage("k".repeat(64), null, "test", "bounce", "test", null, T0);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private SuppressionRules rules(int threshold, Instant now) {
        return new SuppressionRules(new SuppressionSettings(threshold, Duration.ofDays(30), Duration.ofDays(5)),
                store, suppressions, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Records one bounce of {@code recipient}'s address at {@code at} and applies the rules as the import does. */
    private Decision bounce(SuppressionRules rules, String recipient, Reason reason, Instant at) {
        String email = BounceFixture.EMAILS.get(recipient);
        Optional<Match> match = new BounceMatchDao(world.db.dataSource()).byCampaignRecipient("C1", recipient)
                .map(s -> new Match(s, MatchedBy.ADDRESS));
        RecipientOutcome o = new RecipientOutcome(email, null, reason, "test", null, match);
        long id = store.insertBounce(new BounceRecord(0, message, email, reason.kind().code(), reason.code(), null,
                null, "C1", recipient, "address", at));
        return rules.apply(o, id, at);
    }

    @Test
    void aHardBounceSuppressesAllMailAtOnceWithItsReasonAndBounce() {
        Decision d = bounce(rules(3, T0), "R01", Reason.USER_UNKNOWN, T0);
        assertThat(d).isEqualTo(new Decision.Suppressed("all", "user_unknown", true));
        String email = BounceFixture.EMAILS.get("R01");
        assertThat(suppressions.isSuppressed(email, Purpose.MARKETING)).isTrue();
        assertThat(suppressions.isSuppressed(email.toUpperCase(), Purpose.TRANSACTIONAL)).isTrue();
        assertThat(suppressions.of(email)).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo("user_unknown");
            assertThat(s.bounceId()).isEqualTo(store.ofEmail(email).get(0).bounceId());
        });
    }

    /** The sends of {@code recipient} in {@code campaigns} bounced (none of them shows the address works). */
    private void bounced(String recipient, String... campaigns) {
        SendDao sends = new SendDao(world.db.dataSource());
        for (String c : campaigns) {
            sends.markBounced(c, recipient, BounceKind.SOFT, T0, "mailbox_full");
        }
    }

    @Test
    void softBouncesSuppressOnlyAtTheThirdWithinThirtyDays() {
        bounced("R02", "C0", "C1", "C2");
        String email = BounceFixture.EMAILS.get("R02");
        Instant now = T0.plus(Duration.ofDays(20));
        SuppressionRules rules = rules(3, now);
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, T0)).isEqualTo(new Decision.Counted(1, 3));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, T0.plus(Duration.ofDays(10))))
                .isEqualTo(new Decision.Counted(2, 3));
        assertThat(suppressions.isSuppressed(email, Purpose.TRANSACTIONAL)).isFalse();
        assertThat(bounce(rules, "R02", Reason.EXPIRED, T0.plus(Duration.ofDays(20))))
                .isEqualTo(new Decision.Suppressed("all", "soft_repeated", true));
        assertThat(suppressions.isSuppressed(email, Purpose.TRANSACTIONAL)).isTrue();
    }

    @Test
    void softBouncesFurtherApartThanTheWindowNeverAddUp() {
        bounced("R02", "C0", "C1", "C2");
        SuppressionRules rules = rules(3, T0.plus(Duration.ofDays(80)));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, T0)).isInstanceOf(Decision.Counted.class);
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, T0.plus(Duration.ofDays(35))))
                .isEqualTo(new Decision.Counted(1, 3));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, T0.plus(Duration.ofDays(70))))
                .isEqualTo(new Decision.Counted(1, 3));
    }

    @Test
    void anOpenOrClickAfterTheBouncesStartsTheCountAgain() {
        bounced("R02", "C0", "C1", "C2");
        SuppressionRules rules = rules(3, T0.plus(Duration.ofDays(3)));
        bounce(rules, "R02", Reason.MAILBOX_FULL, T0);
        bounce(rules, "R02", Reason.MAILBOX_FULL, T0.plus(Duration.ofDays(1)));
        // The recipient opens campaign C0's mail on day 2: the mailbox works again.
        new RawEventDao(world.db.dataSource()).insertBatch(null, List.of(new RawEvent(UUID.randomUUID().toString(),
                T0.plus(Duration.ofDays(2)), "open", "GET", "C0", "R02", null, null, null, "k1", null, null, null,
                "n1", null, 1L, EventFlags.NONE)));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, T0.plus(Duration.ofDays(3))))
                .isEqualTo(new Decision.Counted(1, 3));
        assertThat(suppressions.isSuppressed(BounceFixture.EMAILS.get("R02"), Purpose.MARKETING)).isFalse();
    }

    @Test
    void aLaterSendThatDidNotBounceCountsAsDeliveredAndStartsTheCountAgain() {
        // C2 went to every address on 2026-12-10 and has not bounced: ten days later it counts as delivered.
        bounced("R02", "C0", "C1");
        SuppressionRules rules = rules(2, Instant.parse("2026-12-20T00:00:00Z"));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, Instant.parse("2026-12-05T00:00:00Z")))
                .isEqualTo(new Decision.Counted(0, 2));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, Instant.parse("2026-12-15T00:00:00Z")))
                .isEqualTo(new Decision.Counted(1, 2));
    }

    @Test
    void withinTheGracePeriodASendWithoutABounceIsNotYetDelivered() {
        bounced("R02", "C0", "C1");
        SuppressionRules rules = rules(2, Instant.parse("2026-12-12T00:00:00Z"));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, Instant.parse("2026-12-05T00:00:00Z")))
                .isEqualTo(new Decision.Counted(1, 2));
        assertThat(bounce(rules, "R02", Reason.MAILBOX_FULL, Instant.parse("2026-12-11T00:00:00Z")))
                .isEqualTo(new Decision.Suppressed("all", "soft_repeated", true));
    }

    @Test
    void policyBlocksNeverSuppressHoweverManyTheyAre() {
        SuppressionRules rules = rules(3, T0.plus(Duration.ofDays(5)));
        for (int day = 0; day < 5; day++) {
            assertThat(bounce(rules, "R08", Reason.POLICY_BLOCKED, T0.plus(Duration.ofDays(day))))
                    .isEqualTo(new Decision.Alert("policy_blocked"));
        }
        assertThat(bounce(rules, "R08", Reason.CONTENT_FILTERED, T0)).isEqualTo(new Decision.Alert("content_filtered"));
        assertThat(suppressions.isSuppressed(BounceFixture.EMAILS.get("R08"), Purpose.MARKETING)).isFalse();
        assertThat(store.alerts(T0.minusSeconds(1), SuppressionRules.SENDER_REASONS))
                .extracting(BounceStore.Alert::reason, BounceStore.Alert::count)
                .containsExactlyInAnyOrder(Tuple.tuple("policy_blocked", 5),
                        Tuple.tuple("content_filtered", 1));
    }

    @Test
    void aComplaintStopsMarketingMailAtOnceButNotTransactionalMail() {
        Decision d = bounce(rules(3, T0), "R28", Reason.COMPLAINT, T0);
        assertThat(d).isEqualTo(new Decision.Suppressed("marketing", "complaint", true));
        String email = BounceFixture.EMAILS.get("R28");
        assertThat(suppressions.isSuppressed(email, Purpose.MARKETING)).isTrue();
        assertThat(suppressions.isSuppressed(email, Purpose.TRANSACTIONAL)).isFalse();
        assertThat(bounce(rules(3, T0), "R28", Reason.COMPLAINT, T0))
                .isEqualTo(new Decision.Suppressed("marketing", "complaint", false));
    }

    @Test
    void autoRepliesAreIgnored() {
        assertThat(bounce(rules(1, T0), "R30", Reason.AUTO_REPLY, T0)).isEqualTo(new Decision.Ignored());
        assertThat(suppressions.all(10)).isEmpty();
    }

    @Test
    void theThresholdIsConfigurable() {
        assertThat(bounce(rules(1, T0), "R02", Reason.MAILBOX_FULL, T0))
                .isEqualTo(new Decision.Suppressed("all", "soft_repeated", true));
    }
}

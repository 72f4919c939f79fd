package cz.proklik.mailer.send.pacing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);

    /** An engine as fast as the pacer lets it be: each message goes the moment it may. */
    private List<Instant> sendAll(Pacer pacer, List<String> domains) {
        List<Instant> times = new ArrayList<>();
        for (String domain : domains) {
            while (!pacer.tryAcquire(domain)) {
                Instant next = pacer.earliest(domain);
                assertThat(next).isAfter(clock.instant());
                clock.set(next);
            }
            times.add(clock.instant());
        }
        return times;
    }

    private static List<String> times(int n, String domain) {
        return Collections.nCopies(n, domain);
    }

    @Test
    void aFullBatchWaitsTheIntervalAfterItsLastHandOver() {
        Pacer pacer = Pacer.create(new PacerSettings(3, Duration.ofMinutes(5), 0, 0, DomainGroups.none()), clock);

        List<Instant> sent = sendAll(pacer, times(8, "firma.cz"));

        Instant b2 = T0.plus(Duration.ofMinutes(5));
        Instant b3 = b2.plus(Duration.ofMinutes(5));
        assertThat(sent).containsExactly(T0, T0, T0, b2, b2, b2, b3, b3);
    }

    @Test
    void theIntervalCountsFromTheLastMessageOfTheBatchNotItsFirst() {
        Pacer pacer = Pacer.create(new PacerSettings(2, Duration.ofMinutes(5), 0, 0, DomainGroups.none()), clock);
        assertThat(pacer.tryAcquire("a.cz")).isTrue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(pacer.tryAcquire("a.cz")).isTrue();

        assertThat(pacer.earliest("a.cz")).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        clock.advance(Duration.ofMinutes(5).minusNanos(1));
        assertThat(pacer.tryAcquire("b.cz")).as("the batch pause holds every domain").isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(pacer.tryAcquire("b.cz")).isTrue();
    }

    @Test
    void messagesPerSecondAreEvenlySpaced() {
        Pacer pacer = Pacer.create(new PacerSettings(0, Duration.ZERO, 4, 0, DomainGroups.none()), clock);

        List<Instant> sent = sendAll(pacer, List.of("a.cz", "b.cz", "c.cz", "a.cz", "d.cz"));

        assertThat(sent).containsExactly(T0, T0.plusMillis(250), T0.plusMillis(500), T0.plusMillis(750),
                T0.plusMillis(1000));
    }

    @Test
    void aDomainOverItsCapWaitsWhileOtherDomainsGoOn() {
        Pacer pacer = Pacer.create(new PacerSettings(0, Duration.ZERO, 0, 2, DomainGroups.none()), clock);
        assertThat(pacer.tryAcquire("seznam.cz")).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(pacer.tryAcquire("seznam.cz")).isTrue();

        assertThat(pacer.tryAcquire("seznam.cz")).isFalse();
        assertThat(pacer.earliest("seznam.cz")).as("when the first leaves the hour").isEqualTo(T0.plusSeconds(3600));
        assertThat(pacer.tryAcquire("gmail.com")).isTrue();
        assertThat(pacer.tryAcquire("gmail.com")).isTrue();
        assertThat(pacer.tryAcquire("gmail.com")).isFalse();

        clock.set(T0.plusSeconds(3600));
        assertThat(pacer.tryAcquire("seznam.cz")).isTrue();
        assertThat(pacer.earliest("seznam.cz")).as("a sliding window: the second leaves 10 minutes later")
                .isEqualTo(T0.plus(Duration.ofMinutes(70)));
    }

    @Test
    void aCapOfTenPerHourSpreadsThirtyMessagesOverThreeHours() {
        Pacer pacer = Pacer.create(new PacerSettings(0, Duration.ZERO, 0, 10, DomainGroups.none()), clock);

        List<Instant> sent = sendAll(pacer, times(30, "firma.cz"));

        for (int i = 0; i < 30; i++) {
            assertThat(sent.get(i)).as("message %d", i).isEqualTo(T0.plus(Duration.ofHours(i / 10)));
        }
    }

    @Test
    void theDomainsOwnHoldIsToldApartFromTheBatchPause() {
        Pacer pacer = Pacer.create(new PacerSettings(2, Duration.ofMinutes(5), 0, 1, DomainGroups.none()), clock);
        assertThat(pacer.tryAcquire("seznam.cz")).isTrue();
        assertThat(pacer.tryAcquire("gmail.com")).isTrue();

        assertThat(pacer.earliest("firma.cz")).as("the batch pause").isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(pacer.domainEarliest("firma.cz")).as("no cap on firma.cz yet").isEqualTo(T0);
        assertThat(pacer.domainEarliest("seznam.cz")).isEqualTo(T0.plusSeconds(3600));
        assertThat(pacer.earliest("seznam.cz")).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void providerGroupsShareOneCapAndDomainsCompareCaseInsensitivelyAndAsIdn() {
        DomainGroups groups = DomainGroups.parse(List.of("google=gmail.com googlemail.com", "seznam=seznam.cz|email.cz"));
        Pacer pacer = Pacer.create(new PacerSettings(0, Duration.ZERO, 0, 2, groups), clock);

        assertThat(pacer.tryAcquire(RecipientDomain.of("jana@Gmail.COM"))).isTrue();
        assertThat(pacer.tryAcquire(RecipientDomain.of("petr@googlemail.com"))).isTrue();
        assertThat(pacer.tryAcquire(RecipientDomain.of("eva@gmail.com"))).isFalse();
        assertThat(pacer.tryAcquire(RecipientDomain.of("eva@email.cz"))).isTrue();
        assertThat(pacer.tryAcquire(RecipientDomain.of("eva@příklad.cz"))).isTrue();
        assertThat(pacer.tryAcquire(RecipientDomain.of("karel@xn--pklad-zsa96e.cz"))).isTrue();
        assertThat(pacer.tryAcquire(RecipientDomain.of("karel@PŘÍKLAD.cz"))).as("same domain, third message").isFalse();
    }

    @Test
    void domainsOfOddAddressesNeverFail() {
        assertThat(RecipientDomain.of("Jana <jana@Firma.CZ.>")).isEqualTo("firma.cz");
        assertThat(RecipientDomain.of("no-at-sign")).isEmpty();
        assertThat(RecipientDomain.of(null)).isEmpty();
        assertThat(RecipientDomain.of("x@" + "a".repeat(300) + ".cz")).startsWith("aaa");
    }

    @Test
    void aDomainInTwoGroupsIsRefused() {
        assertThatThrownBy(() -> DomainGroups.parse(List.of("a=gmail.com", "b=GMAIL.com")))
                .hasMessageContaining("gmail.com is in two groups");
        assertThatThrownBy(() -> DomainGroups.parse(List.of("gmail.com"))).hasMessageContaining("NAME=domain");
        assertThatThrownBy(() -> DomainGroups.of(Map.of("g", List.of())))
                .hasMessageContaining("at least one domain");
    }

    @Test
    void replayedHandOversHoldAfterARestart() {
        // Before the crash: a batch of 2 full at T0+1m, and the domain at its cap of 2 since T0.
        clock.set(T0.plus(Duration.ofMinutes(3)));
        Pacer restarted = Pacer.create(new PacerSettings(2, Duration.ofMinutes(5), 0, 2, DomainGroups.none()), clock);
        restarted.handedOver("a.cz", T0);
        restarted.handedOver("a.cz", T0.plus(Duration.ofMinutes(1)));

        assertThat(restarted.earliest("b.cz")).as("batch pause").isEqualTo(T0.plus(Duration.ofMinutes(6)));
        assertThat(restarted.earliest("a.cz")).as("cap").isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void handOversReportedOutOfOrderCountInTheirTimeOrder() {
        Pacer pacer = Pacer.create(new PacerSettings(0, Duration.ZERO, 0, 2, DomainGroups.none()), clock);
        clock.set(T0.plus(Duration.ofMinutes(30)));
        pacer.handedOver("a.cz", T0.plus(Duration.ofMinutes(20)));
        pacer.handedOver("a.cz", T0);

        assertThat(pacer.earliest("a.cz")).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void theLatestOfTheLimitsWins() {
        Pacer pacer = Pacer.create(new PacerSettings(2, Duration.ofSeconds(10), 1, 3, DomainGroups.none()), clock);

        List<Instant> sent = sendAll(pacer, times(5, "a.cz"));

        // batch of 2, then 10 s; 1 s apart; the 4th to a.cz waits for the hour; then the batch pause again
        assertThat(sent).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(11), T0.plusSeconds(3600),
                T0.plusSeconds(3610));
    }

    @Test
    void unthrottledNeverWaits() {
        Pacer pacer = Pacer.create(PacerSettings.unthrottled(), clock);
        for (int i = 0; i < 100_000; i++) {
            assertThat(pacer.tryAcquire("d" + (i % 1000) + ".cz")).isTrue();
        }
        assertThat(pacer.earliest("d1.cz")).isEqualTo(T0);
    }

    @Test
    void threadsNeverTakeMoreThanTheCap() throws Exception {
        Pacer pacer = Pacer.create(new PacerSettings(0, Duration.ZERO, 0, 100, DomainGroups.none()), clock);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        if (pacer.tryAcquire("gmail.com")) {
                            granted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted).hasValue(100);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new PacerSettings(-1, Duration.ZERO, 0, 0, DomainGroups.none()))
                .hasMessageContaining("batch size");
        assertThatThrownBy(() -> new PacerSettings(0, Duration.ofSeconds(-1), 0, 0, DomainGroups.none()))
                .hasMessageContaining("batch interval");
        assertThatThrownBy(() -> new PacerSettings(0, Duration.ZERO, Double.NaN, 0, DomainGroups.none()))
                .hasMessageContaining("per second");
        assertThatThrownBy(() -> new PacerSettings(0, Duration.ZERO, 0, -5, DomainGroups.none()))
                .hasMessageContaining("domain cap");
    }
}

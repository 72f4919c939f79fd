package cz.proklik.mailer.trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The hours of the day in which trigger mails go out (docs/triggers.md), e.g. 08:00-20:00 in Europe/Prague: a
 * notification at 3 a.m. is noise, so what is found outside waits for the next opening. {@code from} after
 * {@code to} is a window over midnight (22:00-06:00). The local times follow the zone's daylight saving: on the day
 * a clock skips an hour, a time in the gap is moved on by the gap (02:30 becomes 03:30), as java.time does.
 */
public final class SendingWindow {
    /** No window: mails go out whenever a run finds them. */
    public static final SendingWindow ALWAYS = new SendingWindow(null, null, ZoneId.of("UTC"));

    private final LocalTime from;
    private final LocalTime to;
    private final ZoneId zone;

    private SendingWindow(LocalTime from, LocalTime to, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    public static SendingWindow of(LocalTime from, LocalTime to, ZoneId zone) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a sending window " + from + "-" + to
                    + " is empty; leave it blank for any time");
        }
        return new SendingWindow(from, to, zone);
    }

    /**
     * @param text {@code HH:mm-HH:mm}, or blank for {@link #ALWAYS}
     * @throws IllegalArgumentException saying what is wrong
     */
    public static SendingWindow parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        String[] parts = text.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a sending window is HH:mm-HH:mm, e.g. 08:00-20:00, not " + text);
        }
        try {
            return of(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a sending window is HH:mm-HH:mm, e.g. 08:00-20:00, not " + text, e);
        }
    }

    public boolean isAlways() {
        return from == null;
    }

    public boolean isOpen(Instant at) {
        if (isAlways()) {
            return true;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** {@code at} itself when the window is open then, else the next instant it opens. */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        for (int i = 0; i <= 2; i++) {
            Instant opening = instant(day.plusDays(i), from);
            if (opening.isAfter(at)) {
                return opening;
            }
        }
        throw new DateTimeException("no opening of " + this + " after " + at);
    }

    /** When the window that is open at {@code at} closes; empty when it is closed then, or {@link #ALWAYS}. */
    public Optional<Instant> closing(Instant at) {
        if (isAlways() || !isOpen(at)) {
            return Optional.empty();
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        for (int i = 0; i <= 2; i++) {
            Instant closing = instant(day.plusDays(i), to);
            if (closing.isAfter(at)) {
                return Optional.of(closing);
            }
        }
        throw new DateTimeException("no closing of " + this + " after " + at);
    }

    private Instant instant(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return isAlways() ? "any time" : from + "-" + to + " " + zone.getId();
    }
}

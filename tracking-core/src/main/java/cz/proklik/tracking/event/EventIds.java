package cz.proklik.tracking.event;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/**
 * Globally unique event ids: UUID version 7 (RFC 9562), time-ordered so that database indexes on them stay
 * append-mostly, with 74 random bits so that several redirect nodes never collide.
 */
public final class EventIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private EventIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}

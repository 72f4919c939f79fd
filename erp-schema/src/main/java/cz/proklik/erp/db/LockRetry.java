package cz.proklik.erp.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a unit of work again when the database gave up on one of its locks: SQL Server chose it as a deadlock victim
 * (error 1205, Spring's {@code DeadlockLoserDataAccessException}) or a lock wait ran out ({@code proklik.db.lock-timeout},
 * error 1222, {@code CannotAcquireLockException}); H2 raises a deadlock the same way and a lock wait that ran out as
 * a {@code QueryTimeoutException} (Proklik sets no statement timeouts, so that is what one means here). SQL Server
 * has rolled back the victim's whole
 * transaction, so only a unit that is its own transaction - begun and committed inside {@code work} - may be retried:
 * a file's fold, a file's finish, an import chunk. A bounded number of attempts with a short random pause between
 * them (so two victims do not meet again at once); then the exception goes to the caller.
 */
public final class LockRetry {
    private static final Logger LOG = LoggerFactory.getLogger(LockRetry.class);

    /** Attempts in all, the first one included. */
    public static final int ATTEMPTS = 4;

    /** What a lost lock is thrown as (see the class comment); the import chunk's retry uses the same list. */
    public static final List<Class<? extends DataAccessException>> LOST_LOCK =
            List.of(PessimisticLockingFailureException.class, QueryTimeoutException.class);

    public static final LockRetry DEFAULT = new LockRetry(ATTEMPTS, 200);

    private final int attempts;
    private final long pauseMillis;

    /** {@code attempts} in all; before attempt n a pause of up to n x {@code pauseMillis}. */
    public LockRetry(int attempts, long pauseMillis) {
        if (attempts < 1 || pauseMillis < 0) {
            throw new IllegalArgumentException("attempts >= 1 and pause >= 0: " + attempts + ", " + pauseMillis);
        }
        this.attempts = attempts;
        this.pauseMillis = pauseMillis;
    }

    /** Runs {@code work} (its own transaction) until it succeeds, at most {@code attempts} times. */
    public <T> T run(String what, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (attempt >= attempts || !isLostLock(e)) {
                    throw e;
                }
                LOG.warn("{}: lost a lock to another session (attempt {} of {}), trying again: {}", what, attempt,
                        attempts, e.getClass().getSimpleName());
                pause(attempt);
            }
        }
    }

    /** {@link #run(String, Supplier)} for work without a result. */
    public void run(String what, Runnable work) {
        run(what, () -> {
            work.run();
            return null;
        });
    }

    /** Whether {@code e} says the database gave up on a lock (see the class comment). */
    public static boolean isLostLock(DataAccessException e) {
        return LOST_LOCK.stream().anyMatch(type -> type.isInstance(e));
    }

    private void pause(int attempt) {
        if (pauseMillis == 0) {
            return;
        }
        try {
            Thread.sleep(pauseMillis * attempt / 2 + ThreadLocalRandom.current().nextLong(pauseMillis * attempt / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}

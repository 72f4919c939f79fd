package cz.proklik.erp.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real deadlock between two connections on an H2 file: the victim is run again and both units commit. */
class LockRetryTest {

    @TempDir
    Path home;

    @Test
    void theDeadlockVictimIsRunAgainAndBothUnitsCommitOnce() throws Exception {
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            jdbc.execute("CREATE TABLE counter (k CHAR(1) PRIMARY KEY, n INT NOT NULL)");
            jdbc.update("INSERT INTO counter VALUES ('a', 0), ('b', 0)");
            TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
            CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
            AtomicInteger attempts = new AtomicInteger();
            List<Throwable> lost = new ArrayList<>();
            LockRetry retry = new LockRetry(LockRetry.ATTEMPTS, 50);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> runs = new ArrayList<>();
            for (String[] order : new String[][] {{"a", "b"}, {"b", "a"}}) {
                runs.add(pool.submit(() -> retry.run("unit " + order[0], () -> {
                    boolean first = attempts.incrementAndGet() <= 2;
                    try {
                        tx.executeWithoutResult(s -> {
                            jdbc.update("UPDATE counter SET n = n + 1 WHERE k = ?", order[0]);
                            if (first) {
                                await(bothHoldTheirFirstRow);
                            }
                            jdbc.update("UPDATE counter SET n = n + 1 WHERE k = ?", order[1]);
                        });
                    } catch (PessimisticLockingFailureException e) {
                        synchronized (lost) {
                            lost.add(e);
                        }
                        throw e;
                    }
                })));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(lost).as("one unit lost a lock to the other").isNotEmpty();
            assertThat(attempts.get()).isEqualTo(2 + lost.size());
            assertThat(jdbc.queryForList("SELECT n FROM counter ORDER BY k", Integer.class)).containsExactly(2, 2);
        }
    }

    @Test
    void afterTheLastAttemptTheLockFailureReachesTheCaller() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> new LockRetry(3, 0).run("always busy", () -> {
            attempts.incrementAndGet();
            throw new CannotAcquireLockException("busy");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> LockRetry.DEFAULT.run("bad sql", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("not a lock");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

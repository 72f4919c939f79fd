package cz.proklik.erp.sqlserver;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a suite that needs {@link SqlServerTestServer}: it runs where a server is found and is otherwise skipped,
 * printing one line with the reason in the build output.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("sqlserver")
@ExtendWith(SqlServerAvailable.class)
public @interface SqlServerSuite {
}

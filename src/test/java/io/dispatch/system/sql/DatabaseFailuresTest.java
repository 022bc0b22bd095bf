package io.dispatch.system.sql;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {

    @Test
    void recognisesADatabaseThatIsAway() {
        assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new SQLException("I/O error", "08006"))))
                .isTrue();
    }

    @Test
    void recognisesARollbackOnALostConnectionThatHidesTheOriginalFailure() {
        TransactionSystemException rollbackFailed = new TransactionSystemException(
                "Could not roll back JDBC transaction", new SQLException("Connection is closed"));

        assertThat(DatabaseFailures.isUnavailable(rollbackFailed)).isTrue();
    }

    @Test
    void doesNotMistakeAWrongStatementForAnOutage() {
        assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new SQLException("syntax", "42601"))))
                .isFalse();
    }
}

package dev.gatehouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

  @Test
  void migrationsCreateTheSchemaOnH2AndAreIdempotent() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:migration-test;DB_CLOSE_DELAY=-1");
    Flyway flyway =
        SchemaMigration.configure(SchemaMigrationTest.class.getClassLoader(), dataSource).load();

    MigrateResult first = flyway.migrate();
    MigrateResult second = flyway.migrate();

    assertThat(first.migrationsExecuted).isPositive();
    assertThat(second.migrationsExecuted).isZero();
    try (Connection c = dataSource.getConnection();
        ResultSet tables = c.getMetaData().getTables(null, null, "AUDIT_RECORD", null)) {
      assertThat(tables.next()).isTrue();
    }
  }
}

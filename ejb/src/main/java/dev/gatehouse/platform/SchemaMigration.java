package dev.gatehouse.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this build expects, at deployment and before anything else
 * touches the database. The schema is owned by versioned Flyway migrations, never by JPA DDL
 * generation, so that H2 and PostgreSQL get the same tables and upgrades keep their data.
 *
 * <p>Bean-managed transactions: Flyway commits its own work and must not run inside a container
 * transaction.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "jdbc/gatehouse")
  private DataSource dataSource;

  private volatile String schemaVersion;

  @PostConstruct
  void migrate() {
    Flyway flyway =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load();
    MigrateResult result = flyway.migrate();
    // targetSchemaVersion is null when nothing was applied: ask for the current version instead.
    MigrationInfo current = flyway.info().current();
    schemaVersion = current == null ? "0" : current.getVersion().getVersion();
    LOG.info(
        () ->
            "Schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
  }

  /** The schema version after migration, or {@code null} before it ran. */
  public String schemaVersion() {
    return schemaVersion;
  }
}

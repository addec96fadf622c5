package dev.gatehouse.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this build expects, at deployment and before anything else
 * touches the database. The schema is owned by versioned Flyway migrations, never by JPA DDL
 * generation, so that H2 and PostgreSQL get the same tables and upgrades keep their data.
 *
 * <p>{@code db/migration} holds portable SQL that runs unchanged on both databases. What only one
 * database can do (PostgreSQL's trigram indexes) lives in {@code db/<vendor>} ({@code
 * db/postgresql}), read only on that database, with version numbers of its own that the portable
 * migrations skip: the schema versions then differ between vendors (H2 stops before a
 * PostgreSQL-only version), never the tables.
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
    Flyway flyway = configure(SchemaMigration.class.getClassLoader(), dataSource).load();
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

  /**
   * Flyway set up for this database: the portable migrations and those of its vendor. Tests and
   * tools use this too, so that they migrate exactly as a deployment does.
   */
  public static FluentConfiguration configure(ClassLoader classLoader, DataSource dataSource) {
    return Flyway.configure(classLoader)
        .dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/" + vendor(dataSource));
  }

  /** {@code postgresql} or {@code h2}: the database's product name, as a folder name. */
  static String vendor(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).replace(' ', '-');
    } catch (SQLException e) {
      throw new FlywayException("cannot tell which database to migrate", e);
    }
  }

  /** The schema version after migration, or {@code null} before it ran. */
  public String schemaVersion() {
    return schemaVersion;
  }
}

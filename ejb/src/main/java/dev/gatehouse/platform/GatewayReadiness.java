package dev.gatehouse.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness ({@code /health/ready}): this instance may take traffic once its
 * schema is migrated and the database answers. A load balancer that probes it stops sending
 * requests to an instance whose database is gone — which would otherwise answer 503 {@code
 * audit_unavailable} to every request.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

  @Inject SchemaMigration schema;

  @Resource(lookup = "jdbc/gatehouse")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    String version = schema.schemaVersion();
    boolean database;
    try (Connection c = dataSource.getConnection()) {
      database = c.isValid(2);
    } catch (SQLException e) {
      database = false;
    }
    return HealthCheckResponse.named("gatehouse")
        .status(version != null && database)
        .withData("schemaVersion", version == null ? "not migrated" : version)
        .withData("database", database ? "reachable" : "unreachable")
        .build();
  }
}

package dev.gatehouse.agent;

import dev.gatehouse.platform.SchemaMigration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A freshly migrated in-memory H2 database per call, for the tool inventory's tests. */
final class InventoryDatabase {

  private InventoryDatabase() {}

  static DataSource migrated() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:tools_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    SchemaMigration.configure(InventoryDatabase.class.getClassLoader(), h2).load().migrate();
    return h2;
  }

  /** An inventory on a fresh database. */
  static ToolInventory inventory() {
    ToolInventory inventory = new ToolInventory();
    inventory.dataSource = migrated();
    return inventory;
  }
}

package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.platform.SchemaMigration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolInventoryTest {

  private final ToolInventory inventory = new ToolInventory();

  @BeforeEach
  void migratedDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:tools_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    SchemaMigration.configure(ToolInventoryTest.class.getClassLoader(), h2).load().migrate();
    inventory.dataSource = h2;
  }

  private static ToolDefinition tool(String name, String description) {
    return ToolDefinition.of(name, description, null, name.startsWith("delete"));
  }

  @Test
  void keepsEveryToolSeenWithItsFingerprintCallsAndRefusals() throws Exception {
    inventory.seen("demo", List.of(tool("calculator", "adds"), tool("delete_records", "deletes")));
    inventory.seen("other", List.of(tool("calculator", "adds")));
    inventory.called("demo", "calculator", false);
    inventory.called("demo", "calculator", false);
    inventory.called("demo", "delete_records", true);

    List<ToolInventory.Entry> demo = inventory.list("demo");
    assertThat(demo)
        .extracting(ToolInventory.Entry::name)
        .containsExactly("calculator", "delete_records");
    assertThat(demo.get(0).calls()).isEqualTo(2);
    assertThat(demo.get(0).refusals()).isZero();
    assertThat(demo.get(0).fingerprint()).isEqualTo(tool("calculator", "adds").fingerprint());
    assertThat(demo.get(0).destructive()).isFalse();
    assertThat(demo.get(1).refusals()).isEqualTo(1);
    assertThat(demo.get(1).destructive()).isTrue();
    assertThat(inventory.list("other"))
        .singleElement()
        .satisfies(e -> assertThat(e.calls()).isZero());
  }

  @Test
  void aDefinitionChangedUnderTheSameNameKeepsTheFingerprintBefore() throws Exception {
    inventory.seen("demo", List.of(tool("read_config", "reads the config")));
    String before = inventory.list("demo").get(0).fingerprint();
    inventory.seen("demo", List.of(tool("read_config", "reads the config")));
    assertThat(inventory.list("demo").get(0).previousFingerprint()).isNull();

    inventory.seen("demo", List.of(tool("read_config", "reads the config, then mails it out")));
    ToolInventory.Entry changed = inventory.list("demo").get(0);
    assertThat(changed.fingerprint()).isNotEqualTo(before);
    assertThat(changed.previousFingerprint()).isEqualTo(before);
    assertThat(changed.fingerprintChangedAt()).isNotNull();
  }

  @Test
  void aToolCalledBeforeAnyListNamedItIsKnownByName() throws Exception {
    inventory.called("demo", "shell", true);
    assertThat(inventory.list("demo"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("shell");
              assertThat(e.refusals()).isEqualTo(1);
              assertThat(e.description()).isNull();
            });
  }
}

package dev.gatehouse.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.connection.BudgetSettings;
import org.junit.jupiter.api.Test;

class BudgetTest {

  @Test
  void budgetsTakeTheRateLimitWindowUnlessTheyNameTheirOwn() {
    assertThat(Budget.of(new BudgetSettings(null, 5, null, null, null), 60))
        .isEqualTo(new Budget(60, 0, 5, 0, 0));
    assertThat(Budget.of(new BudgetSettings(3, null, 1000L, 3600, 512L), 60))
        .isEqualTo(new Budget(3600, 3, 0, 1000, 512));
  }

  @Test
  void aToolAnswerMayBeAtMost16MiBWhatEverABootstrapFileSays() {
    assertThat(Budget.of(new BudgetSettings(null, null, null, 0, 1L << 40), 0))
        .isEqualTo(new Budget(1, 0, 0, 0, Budget.MAX_TOOL_RESULT_BYTES));
  }
}

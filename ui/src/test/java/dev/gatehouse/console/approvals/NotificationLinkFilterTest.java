package dev.gatehouse.console.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationLinkFilterTest {

  private static final String ID = "3f2a9c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8";

  @Test
  void leadsAnApprovalLinkToTheApprovalPage() {
    assertThat(NotificationLinkFilter.pageOf("/approvals/" + ID))
        .contains("/approvals/approval.xhtml?id=" + ID);
  }

  @Test
  void leadsAGrantLinkToTheGrantsPageWithThatGrantSelected() {
    assertThat(NotificationLinkFilter.pageOf("/grants/" + ID + "/"))
        .contains("/approvals/grants.xhtml?id=" + ID);
  }

  @Test
  void leavesTheConsolePagesAlone() {
    assertThat(NotificationLinkFilter.pageOf("/approvals/inbox.xhtml")).isEmpty();
    assertThat(NotificationLinkFilter.pageOf("/approvals/approval.xhtml")).isEmpty();
    assertThat(NotificationLinkFilter.pageOf("/approvals/")).isEmpty();
  }

  @Test
  void neverRedirectsAnythingButAPlainId() {
    assertThat(NotificationLinkFilter.pageOf("/approvals/a%0d%0aSet-Cookie:x=1")).isEmpty();
    assertThat(NotificationLinkFilter.pageOf("/approvals/a\r\nLocation: https://evil")).isEmpty();
    assertThat(NotificationLinkFilter.pageOf("/grants//evil.example")).isEmpty();
    assertThat(NotificationLinkFilter.pageOf("/grants/a/b")).isEmpty();
    assertThat(NotificationLinkFilter.pageOf("/approvals/" + "a".repeat(65))).isEmpty();
  }
}

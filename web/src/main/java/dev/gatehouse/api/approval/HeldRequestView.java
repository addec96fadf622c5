package dev.gatehouse.api.approval;

import java.util.List;
import java.util.Map;

/**
 * An approval together with the request it holds, as a reviewer sees it: header values and the body
 * passed through the transcript masker, the body shown as UTF-8 text.
 */
public record HeldRequestView(
    ApprovalView approval,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body) {}

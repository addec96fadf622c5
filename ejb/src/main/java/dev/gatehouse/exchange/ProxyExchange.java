package dev.gatehouse.exchange;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One request on its way through the gateway: the facts of the inbound request, fixed when it is
 * built, and the outcome, filled in as the interceptor chain and the relay proceed.
 *
 * <p>The exchange ends exactly once, either by a refusal ({@link #refuse}) or when the relayed
 * response body has been written out ({@link #finishRelay}); completion listeners (the audit
 * record's completion) run at that moment, on the thread that ended it.
 *
 * <p>The request body is read lazily and only up to a bound ({@link RequestBody}), so that an
 * oversize body is refused from inside the audited chain rather than before it.
 */
public final class ProxyExchange {

  private final String id = UUID.randomUUID().toString();
  private final Instant receivedAt = Instant.now();
  private final long startNanos = System.nanoTime();

  private final String connectionName;
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final String clientAddress;
  private final String userAgent;
  private final TlsFacts inboundTls;
  private final String requestOrigin;
  private final RequestBody body;

  private volatile CallerIdentity caller = CallerIdentity.ANONYMOUS;

  private volatile Decision decision = Decision.STARTED;
  private volatile int status;
  private volatile String reason;
  private volatile TlsFacts upstreamTls = TlsFacts.NONE;
  private volatile long upstreamNanos = -1;
  private volatile long bytesOut;
  private volatile long totalNanos = -1;
  private volatile Instant endedAt;
  private volatile String auditId;
  private volatile String approvalReason;
  private volatile int approvalsRequired;

  private final List<RuleHit> ruleHits = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** What a floor above learned of the exchange, by type (the agent facts, for one). */
  private final Map<Class<?>, Object> attachments = new java.util.concurrent.ConcurrentHashMap<>();

  private final List<Consumer<ProxyExchange>> completionListeners = new ArrayList<>(2);
  private final AtomicBoolean ended = new AtomicBoolean();

  private ProxyExchange(Builder b) {
    this.connectionName = Objects.requireNonNull(b.connectionName, "connectionName");
    this.method = Objects.requireNonNull(b.method, "method").toUpperCase(Locale.ROOT);
    this.path = b.path == null ? "" : b.path;
    this.rawQuery = b.rawQuery;
    this.headers = Map.copyOf(b.headers);
    this.clientAddress = b.clientAddress;
    this.userAgent = b.userAgent;
    this.inboundTls = b.inboundTls == null ? TlsFacts.NONE : b.inboundTls;
    this.requestOrigin = b.requestOrigin;
    this.body =
        new RequestBody(
            b.bodyStream == null ? InputStream.nullInputStream() : b.bodyStream,
            b.bodyMemory == null ? BodyMemory.unbounded() : b.bodyMemory);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The request body, read once and at most {@code maxBytes} long ({@link RequestBody}).
   *
   * @throws GatewayRefusal 413 {@code request_too_large} when the body is longer, 503 {@code
   *     gateway_busy} when the instance's body memory is spent
   */
  public byte[] body(long maxBytes) {
    return body.read(maxBytes);
  }

  /** The request body if it has been read (and was within bounds), else {@code null}. */
  public byte[] bodyIfRead() {
    return body.ifRead();
  }

  /**
   * Replaces the request body, once read, with what is to be forwarded instead: the floors and
   * wings inside the caller (rules, approval, the relay) and the audit transcript see the
   * replacement from then on; {@link #bytesIn} still counts what the caller sent. The relay sets
   * {@code Content-Length} from the body it sends. For the one step that must change what a backend
   * receives (an MCP {@code initialize} stripped of capabilities the connection refuses); rules
   * never rewrite a request.
   *
   * @throws IllegalStateException when the body has not been read
   * @throws GatewayRefusal 503 {@code gateway_busy} when the body memory cannot hold a longer body
   */
  public void replaceBody(byte[] replacement) {
    body.replace(Objects.requireNonNull(replacement, "replacement"));
  }

  /** The length of the body the caller sent once it has been read, else -1. */
  public long bytesIn() {
    return body.received();
  }

  /**
   * Attaches what a floor above this one learned of the exchange, one value per type, so that the
   * wings can read it without this package knowing its type.
   */
  public <T> void attach(Class<T> type, T value) {
    attachments.put(type, type.cast(value));
  }

  /** The value attached under this type, if any. */
  public <T> java.util.Optional<T> attached(Class<T> type) {
    return java.util.Optional.ofNullable(type.cast(attachments.get(type)));
  }

  /** Registers work to run once when the exchange ends (by refusal or when relaying ends). */
  public synchronized void onCompletion(Consumer<ProxyExchange> listener) {
    completionListeners.add(listener);
  }

  /** Records that a policy rule matched this exchange. */
  public void recordRuleHit(RuleHit hit) {
    ruleHits.add(hit);
  }

  /** The rules that matched so far, in order. */
  public List<RuleHit> ruleHits() {
    return List.copyOf(ruleHits);
  }

  /**
   * Asks that this exchange wait for a reviewer before it is forwarded: the hook for policy rules
   * ({@code REQUIRE_APPROVAL}) that run before the approval gate. The first reason given is kept.
   */
  public void requireApproval(String reason) {
    requireApproval(reason, null);
  }

  /**
   * As {@link #requireApproval(String)}, asking for at least {@code approvals} distinct reviewers
   * ({@code null}: the connection's count); the highest count asked for is kept.
   */
  public void requireApproval(String reason, Integer approvals) {
    if (approvalReason == null) {
      approvalReason = Objects.requireNonNull(reason, "reason");
    }
    if (approvals != null && approvals > approvalsRequired) {
      approvalsRequired = approvals;
    }
  }

  /** The most distinct reviewers a rule asked for, or 0 when none asked for a count. */
  public int approvalsRequired() {
    return approvalsRequired;
  }

  /** Why a rule asked for approval, or {@code null} when none did. */
  public String approvalReason() {
    return approvalReason;
  }

  /**
   * Records that the gateway answers itself, not the backend (a held request's 202); the answer is
   * then relayed like a backend's and ends the exchange with {@link #finishRelay}.
   */
  public void answeredByGateway(int answerStatus, Decision answerDecision, String answerReason) {
    this.status = answerStatus;
    this.decision = answerDecision;
    this.reason = answerReason;
  }

  /** Records that the backend answered, with how long it took and the upstream TLS facts. */
  public void upstreamResponded(int upstreamStatus, long nanos, TlsFacts tls) {
    this.status = upstreamStatus;
    this.upstreamNanos = nanos;
    this.upstreamTls = tls;
  }

  /** Records the decision to forward (or to release an approved request). */
  public void forwarding(Decision forwardDecision) {
    this.decision = forwardDecision;
  }

  /**
   * Records that an approval or a grant let this exchange through: decision {@link
   * Decision#RELEASED}, and {@code by} (for example {@code grant:<id>}) as the reason, so that the
   * audit record names what released it.
   */
  public void released(String by) {
    this.decision = Decision.RELEASED;
    this.reason = by;
  }

  /** Ends the exchange with a refusal; the refusal is rendered by the web layer. */
  public void refuse(GatewayRefusal refusal) {
    this.status = refusal.status();
    this.reason = refusal.reason();
    this.decision = refusal.decision();
    end();
  }

  /**
   * Records that the gateway cut a relayed answer short for a reason of its own (a tool call the
   * caller may not receive): the record says {@link Decision#BLOCKED} and why, under the status
   * already sent.
   */
  public void cutByGateway(String cutReason) {
    this.decision = Decision.BLOCKED;
    this.reason = cutReason;
  }

  /**
   * Ends the exchange after the response body was relayed, or broke off while relaying.
   *
   * @param written bytes written to the caller
   * @param failure why relaying broke off, or {@code null}
   */
  public void finishRelay(long written, Throwable failure) {
    this.bytesOut = written;
    if (failure != null) {
      this.decision = Decision.ERROR;
      this.reason = "relay_interrupted";
    }
    end();
  }

  private void end() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    this.totalNanos = System.nanoTime() - startNanos;
    this.endedAt = Instant.now();
    List<Consumer<ProxyExchange>> listeners;
    synchronized (this) {
      listeners = List.copyOf(completionListeners);
    }
    try {
      for (Consumer<ProxyExchange> listener : listeners) {
        listener.accept(this);
      }
    } finally {
      body.release();
    }
  }

  public boolean ended() {
    return ended.get();
  }

  /** The first value of a request header, by case-insensitive name, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String id() {
    return id;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public String connectionName() {
    return connectionName;
  }

  public String method() {
    return method;
  }

  /** The path below the connection, as sent (percent-encoded), empty or starting with '/'. */
  public String path() {
    return path;
  }

  /** The raw query string, or {@code null}. */
  public String rawQuery() {
    return rawQuery;
  }

  /** Request headers with lower-case names. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public String userAgent() {
    return userAgent;
  }

  public TlsFacts inboundTls() {
    return inboundTls;
  }

  /**
   * {@code scheme://host[:port]} the caller addressed (its {@code Host}, unchecked), or {@code
   * null}: only ever used to name this gateway back to the caller.
   */
  public String requestOrigin() {
    return requestOrigin;
  }

  public CallerIdentity caller() {
    return caller;
  }

  public void identifiedAs(CallerIdentity identity) {
    this.caller = Objects.requireNonNull(identity);
  }

  public Decision decision() {
    return decision;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public TlsFacts upstreamTls() {
    return upstreamTls;
  }

  public long upstreamNanos() {
    return upstreamNanos;
  }

  public long bytesOut() {
    return bytesOut;
  }

  public long totalNanos() {
    return totalNanos;
  }

  public Instant endedAt() {
    return endedAt;
  }

  public String auditId() {
    return auditId;
  }

  public void recordedAs(String id) {
    this.auditId = id;
  }

  /** Builds the immutable part of an exchange from the inbound request. */
  public static final class Builder {
    private String connectionName;
    private String method;
    private String path;
    private String rawQuery;
    private Map<String, List<String>> headers = Map.of();
    private String clientAddress;
    private String userAgent;
    private TlsFacts inboundTls;
    private String requestOrigin;
    private InputStream bodyStream;
    private BodyMemory bodyMemory;

    private Builder() {}

    public Builder connectionName(String value) {
      this.connectionName = value;
      return this;
    }

    public Builder method(String value) {
      this.method = value;
      return this;
    }

    public Builder path(String value) {
      this.path = value;
      return this;
    }

    public Builder rawQuery(String value) {
      this.rawQuery = value;
      return this;
    }

    /** Headers; names are lower-cased here. */
    public Builder headers(Map<String, List<String>> value) {
      Map<String, List<String>> lower = new java.util.LinkedHashMap<>();
      value.forEach(
          (name, values) ->
              lower
                  .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                  .addAll(values));
      this.headers = lower;
      return this;
    }

    public Builder clientAddress(String value) {
      this.clientAddress = value;
      return this;
    }

    public Builder userAgent(String value) {
      this.userAgent = value;
      return this;
    }

    public Builder inboundTls(TlsFacts value) {
      this.inboundTls = value;
      return this;
    }

    public Builder requestOrigin(String value) {
      this.requestOrigin = value;
      return this;
    }

    public Builder body(InputStream value) {
      this.bodyStream = value;
      return this;
    }

    /** The budget the body is counted against; without one, the body is not counted. */
    public Builder bodyMemory(BodyMemory value) {
      this.bodyMemory = value;
      return this;
    }

    public ProxyExchange build() {
      return new ProxyExchange(this);
    }
  }
}

package dev.gatehouse.policy.masking;

import dev.gatehouse.exchange.HandOutStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks a stream of events (server-sent events, JSON lines) event by event, including secrets that
 * a model streams in pieces across several events; subclasses know the framing.
 *
 * <p>How: each event's payload is split into its string leaves, and each leaf's text is appended to
 * its {@link Lanes lane} — the running text of one choice's content, one tool call's arguments, one
 * Anthropic block, …; a payload that is not JSON is one lane of its own. An event is released, in
 * order, as soon as each of its pieces lies wholly before its lane's {@link HoldBack hold-back
 * point}; a finding that spans events is replaced in the event where it starts and its remaining
 * characters are dropped from the events that follow. Every released event is also masked on its
 * own (labels such as ids and models, secrets named by their JSON member, comments). An event that
 * needed no change goes out byte for byte; each event in is one event out.
 *
 * <p>Fails closed: on a detector error, an oversize event or an open PEM block beyond its window,
 * the subclass's error event is sent and the stream then breaks off with {@link MaskingFailed}.
 */
abstract class EventMaskingStream extends HandOutStream {

  private static final int READ = 8192;
  static final int MAX_EVENT_CHARS = 1 << 20;
  private static final int MAX_HELD_CHARS = 4 << 20;

  /** What stands for a leaf's text in the form of an event checked once per distinct form. */
  private static final String PLACEHOLDER = "\"x\"";

  private final InputStream upstream;
  private final Masker masker;
  private final Lanes lanes;
  private final MaskingListener listener;
  private final Set<String> reported = new HashSet<>();
  private final Utf8Chunks utf8 = new Utf8Chunks();
  private final byte[] readBuffer = new byte[READ];

  /** Text read but not yet split into events. */
  protected final StringBuilder raw = new StringBuilder();

  private final Deque<HeldEvent> held = new ArrayDeque<>();
  private int heldChars;
  private final StringBuilder ready = new StringBuilder();

  /** Whether the masker has only built-in detectors (see {@link #skeleton}). */
  private final boolean builtInOnly;

  /** The last event form, leaves replaced, in which the masker found nothing. */
  private String lastClean;

  protected boolean upstreamDone;

  /**
   * One event waiting for release.
   *
   * @param original the event's text without its terminator
   * @param payload its data, or {@code null} when it has none
   * @param leaves the payload's string leaves when it is JSON, else {@code null}
   * @param pieces per leaf (or one for a payload that is not JSON), its piece of its lane
   */
  private record HeldEvent(
      String original,
      String terminator,
      String payload,
      List<StreamLeaves.Leaf> leaves,
      List<Lanes.Piece> pieces) {}

  EventMaskingStream(
      InputStream upstream, Masker masker, int window, int pemWindow, MaskingListener listener) {
    this.upstream = upstream;
    this.masker = masker;
    this.lanes = new Lanes(masker, new HoldBack(window, pemWindow));
    this.listener = listener;
    this.builtInOnly = masker.builtInOnly();
  }

  /**
   * Splits the complete events off the front of {@link #raw}, calling {@link #accept} for each;
   * once {@link #upstreamDone}, whatever is left too.
   */
  protected abstract void splitEvents() throws MaskingFailed;

  /** The event's payload, or {@code null} when it has none. */
  protected abstract String payload(String event);

  /** Whether a payload that is not a JSON object is streamed text (not a marker like [DONE]). */
  protected abstract boolean textPayload(String payload);

  /**
   * Where the payload starts in the event when the event is its prefix then the payload, on one
   * line; else -1.
   */
  protected abstract int payloadAt(String event, String payload);

  /** The event with its payload replaced. */
  protected abstract String withPayload(String event, String terminator, String payload);

  /** What the caller gets in place of the rest of the stream when masking fails. */
  protected abstract String errorEvent();

  @Override
  protected void fill() throws IOException {
    int n = upstreamDone ? -1 : upstream.read(readBuffer);
    try {
      if (n < 0) {
        upstreamDone = true;
        raw.append(utf8.finish());
        splitEvents();
        release(true);
        finish();
      } else {
        raw.append(utf8.decode(readBuffer, n));
        splitEvents();
        release(false);
      }
    } catch (MaskingFailed e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new MaskingFailed("A masking detector failed", e));
    }
    handOut(ready.toString().getBytes(StandardCharsets.UTF_8));
    ready.setLength(0);
  }

  private void fail(MaskingFailed e) {
    recordFailure(e);
    held.clear();
    lanes.clear();
    raw.setLength(0);
    ready.setLength(0);
    ready.append(errorEvent());
    listener.failed(e);
  }

  /** Takes one complete event in: its pieces go to their lanes, and it waits for release. */
  protected final void accept(String text, String terminator) throws MaskingFailed {
    String payload = payload(text);
    List<StreamLeaves.Leaf> leaves = null;
    List<Lanes.Piece> pieces = List.of();
    if (payload != null) {
      if (!payload.isEmpty() && payload.charAt(0) == '{') {
        leaves = StreamLeaves.in(payload);
      }
      Set<String> families = new HashSet<>();
      if (leaves != null) {
        pieces = new ArrayList<>(leaves.size());
        for (StreamLeaves.Leaf leaf : leaves) {
          pieces.add(lanes.append(leaf.lane(), leaf.family(), leaf.text()));
          if (!leaf.text().isEmpty()) {
            families.add(leaf.family());
          }
        }
      } else if (textPayload(payload)) {
        pieces = List.of(lanes.append("", "", payload));
        families.add("");
      }
      if (!families.isEmpty()) {
        lanes.closeAllBut(families);
      }
      if (leaves != null && JsonRpcMessages.expectsNoContinuation(payload)) {
        // A JSON-RPC request or response (MCP) is whole in itself, and a server's request waits
        // for the client's reply before anything follows it: held for a continuation, it would
        // never go out. Notifications keep their lanes, so a secret split across log events is
        // still caught.
        lanes.closeAllBut(Set.of());
      }
    }
    held.add(new HeldEvent(text, terminator, payload, leaves, pieces));
    heldChars += text.length() + terminator.length();
    if (heldChars > MAX_HELD_CHARS) {
      throw new MaskingFailed("Too much of the stream is held for masking", null);
    }
  }

  private void release(boolean all) throws MaskingFailed {
    if (held.isEmpty()) {
      return;
    }
    lanes.decide(all);
    boolean any = false;
    while (!held.isEmpty() && held.peek().pieces().stream().allMatch(Lanes::releasable)) {
      HeldEvent event = held.poll();
      heldChars -= event.original().length() + event.terminator().length();
      render(event, ready);
      any = true;
    }
    if (!any) {
      return;
    }
    Map<Lanes.Lane, Long> firstHeld = new HashMap<>();
    for (HeldEvent event : held) {
      for (Lanes.Piece p : event.pieces()) {
        firstHeld.putIfAbsent(p.lane(), p.start());
      }
    }
    lanes.trim(firstHeld);
  }

  /** Appends the event, masked, with its terminator to {@code out}. */
  private void render(HeldEvent event, StringBuilder out) {
    List<Finding> found = new ArrayList<>();
    List<String> texts = new ArrayList<>(event.pieces().size());
    boolean changed = false;
    for (int i = 0; i < event.pieces().size(); i++) {
      String masked = lanes.render(event.pieces().get(i), found);
      texts.add(masked);
      String original = event.leaves() != null ? event.leaves().get(i).text() : event.payload();
      changed |= !masked.equals(original);
    }
    for (Finding f : found) {
      if (reported.add(f.detector().name())) {
        listener.masked(f.detector());
      }
    }
    if (event.payload() == null) {
      out.append(masker.mask(event.original())).append(event.terminator());
      return;
    }
    String payload = changed ? splice(event, texts) : event.payload();
    String skeleton = skeleton(event);
    if (skeleton != null && clean(skeleton)) {
      // Nothing to hide around the leaves, whose masking their lanes already did.
      if (payload == event.payload()) {
        out.append(event.original());
      } else {
        String original = event.original();
        out.append(original, 0, original.length() - event.payload().length()).append(payload);
      }
      out.append(event.terminator());
      return;
    }
    if (payload == event.payload()) {
      out.append(masker.mask(event.original())).append(event.terminator());
      return;
    }
    out.append(withPayload(event.original(), event.terminator(), masker.mask(payload)))
        .append(event.terminator());
  }

  /** The payload with each leaf's text replaced by its masked text. */
  private static String splice(HeldEvent event, List<String> texts) {
    if (event.leaves() == null) {
      return texts.get(0);
    }
    String payload = event.payload();
    StringBuilder out = new StringBuilder(payload.length() + 16);
    int at = 0;
    for (int i = 0; i < texts.size(); i++) {
      StreamLeaves.Leaf leaf = event.leaves().get(i);
      out.append(payload, at, leaf.start());
      if (texts.get(i).equals(leaf.text())) {
        out.append(payload, leaf.start(), leaf.end());
      } else {
        out.append(StreamLeaves.quote(texts.get(i)));
      }
      at = leaf.end();
    }
    return out.append(payload, at, payload.length()).toString();
  }

  /**
   * The event with each leaf's text replaced by {@code "x"}, when the payload is JSON on one line
   * at the end of the event and the masker has only built-in detectors; else {@code null}. None of
   * the built-in detectors' matches can reach from the other fields into a JSON string's text but a
   * PEM block, which the event itself then shows, and a secret named by its member ({@code
   * "api_key":"…"}), which the placeholder keeps in view: so when this form is clean, the event
   * needs no masking beyond its leaves. Events of one stream differ mostly in their leaves, so this
   * form is usually the previous event's and checked once ({@link #clean}).
   */
  private String skeleton(HeldEvent event) {
    if (!builtInOnly || event.leaves() == null) {
      return null;
    }
    String payload = event.payload();
    int at = payloadAt(event.original(), payload);
    if (at < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(event.original().length());
    out.append(event.original(), 0, at);
    int from = 0;
    for (StreamLeaves.Leaf leaf : event.leaves()) {
      out.append(payload, from, leaf.start()).append(PLACEHOLDER);
      from = leaf.end();
    }
    return out.append(payload, from, payload.length()).toString();
  }

  /** Whether the masker finds nothing in the text; the last clean text is remembered. */
  private boolean clean(String text) {
    if (text.equals(lastClean)) {
      return true;
    }
    if (!masker.find(text).isEmpty()) {
      return false;
    }
    lastClean = text;
    return true;
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}

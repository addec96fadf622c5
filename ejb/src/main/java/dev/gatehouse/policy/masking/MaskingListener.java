package dev.gatehouse.policy.masking;

/** Hears what a masking stream did, so the exchange can record it. */
public interface MaskingListener {

  MaskingListener NONE =
      new MaskingListener() {
        @Override
        public void masked(Detector detector) {}

        @Override
        public void failed(Exception cause) {}
      };

  /** A detector's finding was replaced (called once per detector and stream). */
  void masked(Detector detector);

  /** Masking failed; the stream is cut after this. */
  void failed(Exception cause);
}

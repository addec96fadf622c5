package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReactAnswerTest {

  @Test
  void echoesOrdinaryMessagesInReactForm() {
    assertThat(ReactAnswer.compose("hi"))
        .isEqualTo("Thought: the user said \"hi\". Action: none. Final answer: You said: hi");
  }

  @Test
  void usesTheCalculatorForArithmeticQuestions() {
    assertThat(ReactAnswer.compose("What is (2 + 3) * 4?"))
        .isEqualTo(
            "Thought: the user asked to compute (2 + 3) * 4. Action: calculator[(2 + 3) * 4]."
                + " Observation: 20. Final answer: 20");
  }

  @Test
  void treatsInvalidArithmeticAsAnOrdinaryMessage() {
    assertThat(ReactAnswer.compose("1 / 0")).startsWith("Thought: the user said \"1 / 0\"");
    assertThat(ReactAnswer.compose("2024")).startsWith("Thought: the user said \"2024\"");
  }

  @Test
  void streamPiecesConcatenateToTheAnswer() {
    String answer = ReactAnswer.compose("hi");

    List<String> pieces = ReactAnswer.streamPieces(answer);

    assertThat(pieces).hasSizeGreaterThan(5);
    assertThat(String.join("", pieces)).isEqualTo(answer);
  }

  @Test
  void longAnswersAreMergedIntoBoundedPieces() {
    String answer = ReactAnswer.compose("word ".repeat(500));

    List<String> pieces = ReactAnswer.streamPieces(answer);

    assertThat(pieces).hasSizeLessThanOrEqualTo(ReactAnswer.MAX_STREAM_PIECES);
    assertThat(String.join("", pieces)).isEqualTo(answer);
  }

  @Test
  void countsWhitespaceSeparatedWords() {
    assertThat(ReactAnswer.countWords("  one two\nthree ")).isEqualTo(3);
    assertThat(ReactAnswer.countWords("   ")).isZero();
  }
}

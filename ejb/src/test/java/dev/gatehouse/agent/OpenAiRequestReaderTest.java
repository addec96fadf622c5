package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenAiRequestReaderTest {

  @Test
  void readsTheModelAndTheToolsOfferedInBothApis() {
    AgentFacts chat =
        OpenAiRequestReader.read(
            "{\"model\":\"gpt-5\",\"messages\":[],\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"parameters\":{}}},{\"type\":"
                + "\"function\",\"function\":{\"name\":\"delete_records\"}}]}");
    assertThat(chat.model()).isEqualTo("gpt-5");
    assertThat(chat.toolsOffered())
        .extracting(ToolDefinition::name)
        .containsExactly("get_weather", "delete_records");
    assertThat(chat.toolsOffered().get(0).fingerprint()).hasSize(64);

    AgentFacts responses =
        OpenAiRequestReader.read(
            "{\"model\":\"gpt-5\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\","
                + "\"name\":\"search\",\"parameters\":{}}]}");
    assertThat(responses.toolsOffered()).extracting(ToolDefinition::name).containsExactly("search");
    assertThat(responses.protocol()).isEqualTo(AgentProtocol.OPENAI);
  }

  @Test
  void refusesABodyThatIsNotOneJsonObject() {
    assertThatThrownBy(() -> OpenAiRequestReader.read("[1,2]"))
        .isInstanceOfSatisfying(
            AgentRequestRefused.class,
            e -> assertThat(e.reason()).isEqualTo("openai_invalid_request"));
    assertThatThrownBy(() -> OpenAiRequestReader.read("{\"model\":"))
        .isInstanceOfSatisfying(
            AgentRequestRefused.class, e -> assertThat(e.reason()).isEqualTo("invalid_json"));
  }

  @Test
  void aToolThatNamesAMemberTwiceIsRefusedNotChosen() {
    for (String body :
        new String[] {
          "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":"
              + "{\"name\":\"get_weather\",\"name\":\"delete_records\"}}]}",
          "{\"model\":\"m\",\"tools\":[],\"tools\":[{\"type\":\"function\","
              + "\"name\":\"delete_records\"}]}",
          "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"name\":\"x\","
              + "\"parameters\":{\"a\":1,\"\\u0061\":2}}]}"
        }) {
      assertThatThrownBy(() -> OpenAiRequestReader.read(body))
          .as(body)
          .isInstanceOfSatisfying(
              AgentRequestRefused.class,
              e -> assertThat(e.reason()).isEqualTo("openai_invalid_request"));
    }
  }
}

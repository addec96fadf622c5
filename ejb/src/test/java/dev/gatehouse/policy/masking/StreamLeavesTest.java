package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamLeavesTest {

  private static List<String> lanes(String json) {
    return StreamLeaves.in(json).stream().map(StreamLeaves.Leaf::lane).toList();
  }

  @Test
  void aChoiceIsItsIndexWhereverItSitsInTheArray() {
    String first = "{\"id\":\"c1\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"a\"}}]}";
    String second =
        "{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"b\"},\"index\":0},"
            + "{\"index\":1,\"delta\":{\"content\":\"c\"}}]}";
    assertThat(lanes(first)).containsExactly(".choices[index=1;].delta.content");
    assertThat(lanes(second))
        .containsExactly(".choices[index=0;].delta.content", ".choices[index=1;].delta.content");
    assertThat(StreamLeaves.in(first).get(0).family()).isEqualTo(".choices[].delta.content");
  }

  @Test
  void toolCallArgumentsAreLanesOfTheirOwnAndLabelsAreNot() {
    String json =
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":2,\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\"}}]}}]}";
    List<StreamLeaves.Leaf> leaves = StreamLeaves.in(json);
    assertThat(leaves).hasSize(1);
    assertThat(leaves.get(0).lane())
        .isEqualTo(".choices[index=0;].delta.tool_calls[index=2;].function.arguments");
    assertThat(leaves.get(0).text()).isEqualTo("{\"a");
    assertThat(json.substring(leaves.get(0).start(), leaves.get(0).end())).isEqualTo("\"{\\\"a\"");
  }

  @Test
  void eventLevelLaneMembersAndTypeNameTheLane() {
    assertThat(
            lanes(
                "{\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"k\"}}"))
        .containsExactly("{index=1;}<content_block_delta>.delta.partial_json");
    StreamLeaves.Leaf delta =
        StreamLeaves.in(
                "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\","
                    + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}")
            .get(0);
    assertThat(delta.lane())
        .isEqualTo(
            "{item_id=msg_1;output_index=0;content_index=0;}<response.output_text.delta>.delta");
    assertThat(delta.family()).isEqualTo(".delta");
  }

  @Test
  void anythingButOneJsonObjectIsNotJson() {
    assertThat(StreamLeaves.in("{\"a\":\"b\"} x")).isNull();
    assertThat(StreamLeaves.in("[\"a\"]")).isNull();
    assertThat(StreamLeaves.in("{\"a\":\"b\\q\"}")).isNull();
    assertThat(StreamLeaves.in("{\"a\":[1,{\"b\":\"c\"}]}")).hasSize(1);
  }
}

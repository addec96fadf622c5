package dev.gatehouse.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintViolationMapperTest {

  /** One node of a violation's property path. */
  private record Node(String name, ElementKind kind, Integer index, Object key, boolean inIterable)
      implements Path.Node {

    static Node method(String name) {
      return new Node(name, ElementKind.METHOD, null, null, false);
    }

    static Node parameter(String name) {
      return new Node(name, ElementKind.PARAMETER, null, null, false);
    }

    static Node property(String name) {
      return new Node(name, ElementKind.PROPERTY, null, null, false);
    }

    static Node propertyAt(String name, int index) {
      return new Node(name, ElementKind.PROPERTY, index, null, true);
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isInIterable() {
      return inIterable;
    }

    @Override
    public Integer getIndex() {
      return index;
    }

    @Override
    public Object getKey() {
      return key;
    }

    @Override
    public ElementKind getKind() {
      return kind;
    }

    @Override
    public <T extends Path.Node> T as(Class<T> type) {
      return type.cast(this);
    }
  }

  private static Path path(Node... nodes) {
    return new Path() {
      @Override
      public Iterator<Path.Node> iterator() {
        return List.<Path.Node>of(nodes).iterator();
      }
    };
  }

  @Test
  void theFieldIsTheJsonPropertyPathWithoutTheJavaMethodAndParameter() {
    assertThat(
            ConstraintViolationMapper.field(
                path(Node.method("create"), Node.parameter("arg0"), Node.property("baseUrl"))))
        .isEqualTo("baseUrl");
    assertThat(
            ConstraintViolationMapper.field(
                path(
                    Node.method("importAll"),
                    Node.parameter("arg0"),
                    Node.property("connections"),
                    Node.propertyAt("name", 2))))
        .isEqualTo("connections[2].name");
  }

  @Test
  void aViolationOfTheWholeBodyNamesNoField() {
    assertThat(ConstraintViolationMapper.field(path(Node.method("create"), Node.parameter("arg0"))))
        .isEmpty();
  }
}

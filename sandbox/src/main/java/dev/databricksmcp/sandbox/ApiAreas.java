package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which API areas the sandbox serves and in which order they are built. A new area is a class of
 * its own and a line in its services file: nothing here lists them.
 */
public final class ApiAreas {
  private ApiAreas() {}

  /** Every area on the class path, ordered by class name so start-up is the same every time. */
  public static List<ApiArea> discovered() {
    List<ApiArea> out = new ArrayList<>();
    ServiceLoader.load(ApiArea.class, ApiArea.class.getClassLoader()).forEach(out::add);
    out.sort(Comparator.comparing(area -> area.getClass().getName()));
    return out;
  }

  /**
   * Builds every area once, each after the areas that register what it needs ({@link
   * ApiArea#needs()}), the others in the order given; fails naming the states that no area
   * registers. Each area may take only the core states and those it declares.
   */
  static List<ApiModule> buildInOrder(StateRegistry registry, List<ApiArea> areas) {
    Set<Class<?>> core = registry.registeredTypes();
    List<ApiArea> pending = new ArrayList<>(areas);
    List<ApiModule> built = new ArrayList<>();
    while (!pending.isEmpty()) {
      ApiArea ready =
          pending.stream()
              .filter(area -> registry.registeredTypes().containsAll(area.needs()))
              .findFirst()
              .orElseThrow(() -> unmet(registry, pending));
      pending.remove(ready);
      built.add(registry.building(core, ready.needs(), ready::build));
    }
    return built;
  }

  private static IllegalStateException unmet(StateRegistry registry, List<ApiArea> pending) {
    String what =
        pending.stream()
            .map(
                area ->
                    area.getClass().getSimpleName()
                        + " needs "
                        + area.needs().stream()
                            .filter(type -> !registry.registeredTypes().contains(type))
                            .map(Class::getSimpleName)
                            .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("; "));
    return new IllegalStateException(
        "API areas wait for states no area registers: " + what + " (ApiArea.needs)");
  }
}

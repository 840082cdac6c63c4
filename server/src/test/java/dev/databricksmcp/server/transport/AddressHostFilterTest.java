package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The side listener beyond loopback serves a scraper that names it by address, and refuses a page
 * that rebound its own DNS name to this machine (it sends that name as Host).
 */
class AddressHostFilterTest {
  private final AddressHostFilter filter =
      new AddressHostFilter(List.of("metrics.internal:*", "mcp.example.com:9464"));

  @Test
  void addressesLocalhostAndAllowedNamesAreServed() {
    assertThat(filter.allowed("10.1.2.3:9464")).isTrue();
    assertThat(filter.allowed("10.1.2.3")).isTrue();
    assertThat(filter.allowed("[fd00::1]:9464")).isTrue();
    assertThat(filter.allowed("localhost:9464")).isTrue();
    assertThat(filter.allowed("metrics.internal:9464")).isTrue();
    assertThat(filter.allowed("mcp.example.com:9464")).isTrue();
  }

  @Test
  void anyOtherNameIsRefused() {
    assertThat(filter.allowed("attacker.example:9464")).isFalse();
    assertThat(filter.allowed("attacker.example")).isFalse();
    assertThat(filter.allowed("mcp.example.com:80")).as("allowed on another port only").isFalse();
    assertThat(filter.allowed("10.1.2.3.attacker.example:9464")).isFalse();
    assertThat(filter.allowed("localhost.attacker.example")).isFalse();
    assertThat(filter.allowed("[evil]:9464")).isFalse();
    assertThat(filter.allowed("")).isFalse();
  }
}

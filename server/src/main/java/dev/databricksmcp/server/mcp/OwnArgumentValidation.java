package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * Tells the MCP SDK that schemas are our business: tool arguments are validated by our own
 * ArgsValidator (a VALIDATION_ERROR naming the field, inside the envelope), and every tool's schema
 * is pinned by a snapshot test. The SDK's default validator would load a JSON Schema library at
 * start-up for checks we already make.
 */
final class OwnArgumentValidation implements JsonSchemaValidator {
  static final OwnArgumentValidation INSTANCE = new OwnArgumentValidation();

  private OwnArgumentValidation() {}

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return ValidationResponse.asValid(null);
  }
}

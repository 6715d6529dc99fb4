// Checks a tool's structuredContent against the outputSchema it lists, with the engine and options the MCP SDK
// client uses (Ajv 2020-12, formats, all errors), so a test sees exactly what a real client would reject.
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// CommonJS packages: under NodeNext interop the class and the function sit on `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export interface ListedTool {
  name: string;
  outputSchema?: Record<string, unknown> | undefined;
}

/** Returns a checker: tool name + structured content → readable problems (empty when valid). */
export function outputSchemaChecker(tools: readonly ListedTool[]): (tool: string, data: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, validateFormats: true, validateSchema: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  for (const t of tools) if (t.outputSchema) validators.set(t.name, ajv.compile(t.outputSchema));
  return (tool, data) => {
    const validate = validators.get(tool);
    if (!validate) return [`${tool} lists no outputSchema`];
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${tool}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

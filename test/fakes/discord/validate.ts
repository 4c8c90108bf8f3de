/**
 * Payload validation with Discord's limits and Discord's error shape:
 * `{ code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{ code, message }] } } }`.
 */

export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested error object: keys are field names or array indices, leaves hold `_errors`. */
export interface ErrorTree {
  _errors?: FieldError[];
  [key: string]: ErrorTree | FieldError[] | undefined;
}

export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

export class ErrorCollector {
  readonly tree: ErrorTree = {};
  readonly issues: ValidationIssue[] = [];

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const part of path) {
      const key = String(part);
      const existing = node[key];
      if (existing === undefined || Array.isArray(existing)) {
        const child: ErrorTree = {};
        node[key] = child;
        node = child;
      } else {
        node = existing;
      }
    }
    (node._errors ??= []).push({ code, message });
    this.issues.push({ path: path.join("."), code, message });
  }

  maxLength(path: readonly (string | number)[], value: unknown, max: number): void {
    if (typeof value === "string" && [...value].length > max) {
      this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
    }
  }

  maxItems(path: readonly (string | number)[], value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
    }
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strLen(value: unknown): number {
  return typeof value === "string" ? [...value].length : 0;
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const IS_COMPONENTS_V2 = 1 << 15;

/** Validate a message-like payload (channel message, webhook execute/edit, callback data). */
export function validateMessage(
  body: unknown,
  errors: ErrorCollector,
  prefix: readonly (string | number)[] = [],
  opts: { requireContent?: boolean } = {},
): void {
  if (!isRecord(body)) {
    if (opts.requireContent) errors.add(prefix, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return;
  }
  const at = (...rest: (string | number)[]): (string | number)[] => [...prefix, ...rest];
  errors.maxLength(at("content"), body["content"], 2000);
  if (body["nonce"] !== undefined) errors.maxLength(at("nonce"), body["nonce"], 25);

  const embeds = body["embeds"];
  if (Array.isArray(embeds)) {
    errors.maxItems(at("embeds"), embeds, 10);
    let total = 0;
    embeds.forEach((embed: unknown, i) => {
      if (!isRecord(embed)) return;
      errors.maxLength(at("embeds", i, "title"), embed["title"], 256);
      errors.maxLength(at("embeds", i, "description"), embed["description"], 4096);
      total += strLen(embed["title"]) + strLen(embed["description"]);
      const fields = embed["fields"];
      if (Array.isArray(fields)) {
        errors.maxItems(at("embeds", i, "fields"), fields, 25);
        fields.forEach((field: unknown, j) => {
          if (!isRecord(field)) return;
          errors.maxLength(at("embeds", i, "fields", j, "name"), field["name"], 256);
          errors.maxLength(at("embeds", i, "fields", j, "value"), field["value"], 1024);
          if (strLen(field["name"]) === 0) errors.add(at("embeds", i, "fields", j, "name"), "BASE_TYPE_REQUIRED", "This field is required");
          if (strLen(field["value"]) === 0) errors.add(at("embeds", i, "fields", j, "value"), "BASE_TYPE_REQUIRED", "This field is required");
          total += strLen(field["name"]) + strLen(field["value"]);
        });
      }
      const footer = embed["footer"];
      if (isRecord(footer)) {
        errors.maxLength(at("embeds", i, "footer", "text"), footer["text"], 2048);
        total += strLen(footer["text"]);
      }
      const author = embed["author"];
      if (isRecord(author)) {
        errors.maxLength(at("embeds", i, "author", "name"), author["name"], 256);
        total += strLen(author["name"]);
      }
    });
    if (total > 6000) errors.add(at("embeds"), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
  }

  const flags = typeof body["flags"] === "number" ? body["flags"] : 0;
  const components = body["components"];
  if (Array.isArray(components) && (flags & IS_COMPONENTS_V2) === 0) {
    errors.maxItems(at("components"), components, 5);
    components.forEach((row: unknown, i) => {
      if (!isRecord(row)) return;
      if (row["type"] !== 1) {
        errors.add(at("components", i, "type"), "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
        return;
      }
      const children = row["components"];
      if (!Array.isArray(children)) return;
      errors.maxItems(at("components", i, "components"), children, 5);
      const hasSelect = children.some((c: unknown) => isRecord(c) && typeof c["type"] === "number" && SELECT_TYPES.has(c["type"]));
      if (hasSelect && children.length > 1) {
        errors.add(at("components", i, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
      }
      children.forEach((c: unknown, j) => {
        if (!isRecord(c)) return;
        errors.maxLength(at("components", i, "components", j, "custom_id"), c["custom_id"], 100);
        errors.maxLength(at("components", i, "components", j, "label"), c["label"], 80);
        const options = c["options"];
        if (Array.isArray(options)) errors.maxItems(at("components", i, "components", j, "options"), options, 25);
      });
    });
  }
}

/** Discord's 50006: a new message needs content, an embed, a component, a sticker, a poll or a file. */
export function isEmptyMessage(body: unknown, fileCount: number): boolean {
  if (fileCount > 0) return false;
  if (!isRecord(body)) return true;
  const nonEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
  return (
    strLen(body["content"]) === 0 &&
    !nonEmptyArray(body["embeds"]) &&
    !nonEmptyArray(body["components"]) &&
    !nonEmptyArray(body["sticker_ids"]) &&
    !isRecord(body["poll"])
  );
}

/** Validate an interaction callback body `{ type, data }`. */
export function validateCallback(body: unknown, errors: ErrorCollector): void {
  if (!isRecord(body)) {
    errors.add([], "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return;
  }
  const type = body["type"];
  const data = body["data"];
  if (type === 4 || type === 7) {
    validateMessage(data, errors, ["data"]);
  } else if (type === 8) {
    if (!isRecord(data)) return;
    const choices = data["choices"];
    if (Array.isArray(choices)) {
      errors.maxItems(["data", "choices"], choices, 25);
      choices.forEach((choice: unknown, i) => {
        if (!isRecord(choice)) return;
        errors.maxLength(["data", "choices", i, "name"], choice["name"], 100);
        if (strLen(choice["name"]) === 0) errors.add(["data", "choices", i, "name"], "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.");
        errors.maxLength(["data", "choices", i, "value"], choice["value"], 100);
      });
    }
  } else if (type === 9) {
    if (!isRecord(data)) return;
    errors.maxLength(["data", "title"], data["title"], 45);
    errors.maxLength(["data", "custom_id"], data["custom_id"], 100);
    errors.maxItems(["data", "components"], data["components"], 5);
  } else if (type !== 1 && type !== 5 && type !== 6) {
    errors.add(["type"], "BASE_TYPE_CHOICES", `Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.`);
  }
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommandOptions(options: unknown, errors: ErrorCollector, path: (string | number)[]): void {
  if (!Array.isArray(options)) return;
  errors.maxItems(path, options, 25);
  options.forEach((option: unknown, i) => {
    if (!isRecord(option)) return;
    const name = option["name"];
    if (typeof name !== "string" || !COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
      errors.add([...path, i, "name"], "APPLICATION_COMMAND_INVALID_NAME", `Command name is invalid`);
    }
    const description = option["description"];
    if (typeof description !== "string" || strLen(description) === 0) {
      errors.add([...path, i, "description"], "BASE_TYPE_REQUIRED", "This field is required");
    }
    errors.maxLength([...path, i, "description"], description, 100);
    const choices = option["choices"];
    if (Array.isArray(choices)) {
      errors.maxItems([...path, i, "choices"], choices, 25);
      choices.forEach((choice: unknown, j) => {
        if (!isRecord(choice)) return;
        errors.maxLength([...path, i, "choices", j, "name"], choice["name"], 100);
        errors.maxLength([...path, i, "choices", j, "value"], choice["value"], 100);
      });
    }
    validateCommandOptions(option["options"], errors, [...path, i, "options"]);
  });
}

/** Validate a bulk-overwrite body (array of commands). */
export function validateCommands(body: unknown, errors: ErrorCollector): void {
  if (!Array.isArray(body)) {
    errors.add([], "BASE_TYPE_ARRAY", "Must be an array");
    return;
  }
  const seen = new Set<string>();
  body.forEach((command: unknown, i) => {
    if (!isRecord(command)) return;
    const type = typeof command["type"] === "number" ? command["type"] : 1;
    const name = command["name"];
    if (typeof name !== "string" || (type === 1 && (!COMMAND_NAME.test(name) || name !== name.toLowerCase()))) {
      errors.add([i, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    } else if (strLen(name) > 32) {
      errors.add([i, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
    }
    const key = `${type}:${String(name)}`;
    if (seen.has(key)) errors.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", `Application command names must be unique`);
    seen.add(key);
    if (type === 1) {
      const description = command["description"];
      if (typeof description !== "string" || strLen(description) === 0) {
        errors.add([i, "description"], "BASE_TYPE_REQUIRED", "This field is required");
      }
      errors.maxLength([i, "description"], description, 100);
      validateCommandOptions(command["options"], errors, [i, "options"]);
    }
  });
  const chatInput = body.filter((c: unknown) => isRecord(c) && (c["type"] ?? 1) === 1).length;
  if (chatInput > 100) errors.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
}

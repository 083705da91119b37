/** Where `casework import` reads cases: an NDJSON file (one case per line, validated) or synthetic ones. */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Static } from "typebox";
import { dotted, Failure } from "../domain/errors.ts";
import { toEntryInputs } from "../http/native/case-input.ts";
import { CaseImportLine } from "../http/native/schemas/cases.ts";
import { fieldErrors, validatorCompiler } from "../http/validation.ts";
import type { ImportCaseInput } from "../ops/cases/import-cases.ts";

const checkLine = validatorCompiler({
  schema: CaseImportLine,
  httpPart: "body",
  method: "POST",
  url: "import",
}) as ((value: unknown) => boolean) & { errors?: Parameters<typeof fieldErrors>[0] | null };

/** Parses and validates one line; errors name the line and the field. */
export function parseImportLine(text: string, line: number): ImportCaseInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Failure({
      code: "validation_failed",
      message: `line ${line}: not valid JSON`,
      fields: [{ path: [], in: "body", message: "is not valid JSON" }],
    });
  }
  if (!checkLine(value)) {
    const fields = fieldErrors(checkLine.errors ?? [], "body");
    throw new Failure({
      code: "validation_failed",
      message: fields.map((f) => `line ${line}: ${dotted(f.path) || "the line"} ${f.message}`).join("; "),
      fields,
    });
  }
  const { createdAt, timeline, ...fields } = value as Static<typeof CaseImportLine>;
  return {
    ...fields,
    ...(createdAt ? { createdAt: new Date(createdAt) } : {}),
    ...(timeline ? { timeline: toEntryInputs(timeline) } : {}),
  };
}

/** The cases of an NDJSON file; blank lines are skipped. */
export async function* ndjsonCases(path: string): AsyncGenerator<ImportCaseInput> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim()) yield parseImportLine(text, line);
  }
}

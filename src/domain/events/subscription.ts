/** The rules of a webhook subscription: a reachable-by-policy URL, topics from the catalogue. */
import { type FieldError, invalid, ok, type Result } from "../errors.ts";
import { targetProblem } from "./target.ts";
import { isTopicPattern, TOPICS } from "./topics.ts";

export interface SubscriptionInput {
  url?: string;
  topics?: string[];
  active?: boolean;
  description?: string;
}

const MAX_TOPICS = 50;

/** Checks the fields given (all of them on create); the topics come back without repeats. */
export function checkSubscription(
  input: SubscriptionInput,
  allowPrivate: boolean,
): Result<SubscriptionInput> {
  const errors: FieldError[] = [];
  if (input.url !== undefined) {
    const problem = targetProblem(input.url, allowPrivate);
    if (problem) errors.push({ path: ["url"], message: problem });
  }
  if (input.topics !== undefined) {
    if (input.topics.length === 0) errors.push({ path: ["topics"], message: "must name at least one topic" });
    if (input.topics.length > MAX_TOPICS)
      errors.push({ path: ["topics"], message: `must name at most ${MAX_TOPICS} topics` });
    input.topics.forEach((topic, index) => {
      if (!isTopicPattern(topic))
        errors.push({
          path: ["topics", index],
          message: `"${topic}" is not a topic; use one of ${TOPICS.join(", ")}, "<object>.*" or "*"`,
        });
    });
  }
  if (input.description !== undefined && input.description.length > 500)
    errors.push({ path: ["description"], message: "must be at most 500 characters" });
  if (errors.length) return invalid(errors);
  return ok(input.topics ? { ...input, topics: [...new Set(input.topics)] } : input);
}

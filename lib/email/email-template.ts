import { randomBytes } from "node:crypto";

/** A body rendered once with a placeholder for each recipient's values; see `emailTemplates`. */
export type BodyTemplate = { html: string; text: string; placeholders: Record<string, string> };
export type EmailBodies = { html: string; text: string };

/** What React writes for a text or attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[char]!);
}

/**
 * Random placeholders for the given variables. Random, so that nothing an admin writes in the
 * settings (which the template also shows) can pass for one.
 */
export function newPlaceholders<Name extends string>(names: readonly Name[]): Record<Name, string> {
  const nonce = randomBytes(8).toString("hex");
  return Object.fromEntries(names.map((name) => [name, `roster${nonce}${name.replace(/[^A-Za-z0-9]/g, "")}`])) as Record<Name, string>;
}

/** The template with each placeholder replaced: HTML-escaped in the HTML part, as is in the text part. */
export function fillTemplate(template: BodyTemplate, variables: Record<string, string>): EmailBodies {
  let { html, text } = template;
  for (const [name, placeholder] of Object.entries(template.placeholders)) {
    const value = variables[name] ?? "";
    const escaped = escapeHtml(value);
    // Replacer functions, not strings: a value such as "$&" must not be read as a pattern.
    html = html.replaceAll(placeholder, () => escaped);
    text = text.replaceAll(placeholder, () => value);
  }
  return { html, text };
}

/**
 * An outbox row's bodies: its own, or its template filled with its values. Empty once erased (the
 * email was sent through a provider or cancelled, and the link it carried is no longer kept).
 */
export function bodiesOf(
  email: { html: string | null; text: string | null; variables: Record<string, string> | null },
  template: BodyTemplate | null | undefined,
): EmailBodies {
  if (email.html !== null || email.text !== null) return { html: email.html ?? "", text: email.text ?? "" };
  if (template && email.variables) return fillTemplate(template, email.variables);
  return { html: "", text: "" };
}

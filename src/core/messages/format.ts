// Every wording of the core (diagnostics, knowledge-file problems, quote attributions) lives in this
// folder as templates keyed by code; this renders a template with the data a finding carries.

export type MessageData = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a placeholder with no value is left visible rather than dropped. */
export function formatMessage(template: string, data: MessageData): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}

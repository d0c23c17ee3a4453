// The rules in force (data/rules.json): a page reads a rule's number from here, never writes it.

/** The setting `key` in force in `month` ({display, number, …}), or undefined when not published. */
export const setting = (rules, month, key) =>
  rules.parameters.find((row) => row.month === month && row.key === key);

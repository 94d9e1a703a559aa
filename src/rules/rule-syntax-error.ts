// A rule that cannot be used: its id, the 1-based column, the offending token and a hint
// (docs/rules.md, "Errors"). Returned as a value by parseQuery/compileRules, never thrown at callers.

export interface RuleSyntaxErrorInit {
  readonly ruleId: string | null;
  /** 1-based column in the query (UTF-16 code units). */
  readonly column: number;
  /** The offending token as written; "" means the end of the query. */
  readonly token: string;
  readonly hint: string;
}

const MAX_TOKEN_SHOWN = 40;

export class RuleSyntaxError extends Error {
  readonly ruleId: string | null;
  readonly column: number;
  readonly token: string;
  readonly hint: string;

  constructor(init: RuleSyntaxErrorInit) {
    super(formatMessage(init));
    this.name = 'RuleSyntaxError';
    this.ruleId = init.ruleId;
    this.column = init.column;
    this.token = init.token;
    this.hint = init.hint;
  }

  /** The same error attributed to a rule (the parser does not know rule ids). */
  withRuleId(ruleId: string): RuleSyntaxError {
    return new RuleSyntaxError({ ruleId, column: this.column, token: this.token, hint: this.hint });
  }
}

function formatMessage(init: RuleSyntaxErrorInit): string {
  const where = init.ruleId === null ? `column ${init.column}` : `rule "${init.ruleId}", column ${init.column}`;
  const shown = init.token.length > MAX_TOKEN_SHOWN ? `${init.token.slice(0, MAX_TOKEN_SHOWN)}…` : init.token;
  const what = init.token === '' ? 'unexpected end of query' : `unexpected "${shown}"`;
  return `${where}: ${what} — ${init.hint}`;
}

// Rules compiled to flat programs in one Int32Array: a rule's required-word checks and the rest of
// its query tree (AND/OR as jumps) sit in one or two cache lines, where a tree of plan objects
// would cost a cache miss per node with thousands of rules. The rule index files programs by
// offset, and each program carries the stamp that stops an article from testing it twice.
import type { Plan, WordMatcher } from './query-plan.ts';
import { requiredWordsOf } from './required-words.ts';
import type { RequiredWord } from './required-words.ts';

// Program layout at offset p: [p + STAMP] the last generation that tested it, [p + RULE] the
// rule's index, then operations up to END. `acc` is the value of the last operation.
const STAMP = 0;
const RULE = 1;
const HEADER = 2;

const END = 0;
/** REQUIRE matcher fields: the rule fails unless the word matcher is present in one of the fields. */
const REQUIRE = 1;
/** WORD matcher fields: acc = the matcher is present in one of the fields. */
const WORD = 2;
/** PHRASE slot: acc = the term (of several words) with that hit slot occurs. */
const PHRASE = 3;
/** NEAR index: acc = the NEAR/ONEAR nears[index] holds (an operand is a place). */
const NEAR = 4;
const NOT = 5;
/** JUMP_FALSE target: if acc is false, continue at target (the end of an AND). */
const JUMP_FALSE = 6;
/** JUMP_TRUE target: if acc is true, continue at target (the end of an OR). */
const JUMP_TRUE = 7;
/** PLACE index: acc = the place places[index] occurs. */
const PLACE = 8;
/**
 * NEAR_TERMS size distance ordered leftCount left… right…: acc = a NEAR/ONEAR whose operands are
 * terms (or OR groups of terms, listed by hit slot) holds; size is the operation's length.
 */
const NEAR_TERMS = 9;

export type Leaf = Extract<Plan, { kind: 'term' | 'place' }>;
export type Near = Extract<Plan, { kind: 'near' }>;

/** What a program asks of the article (PlanEvaluator). */
export interface ProgramHost {
  present(matcher: number, fields: number): boolean;
  occurs(leaf: Leaf): boolean;
  occursTerm(slot: number): boolean;
  nearTerms(code: Int32Array, at: number, size: number): boolean;
  test(plan: Plan): boolean;
}

export interface Programs {
  readonly code: Int32Array;
  /** Offset of each rule's program. */
  readonly offsets: Int32Array;
  readonly places: readonly Leaf[];
  readonly nears: readonly Near[];
  /** Each rule's required words, rarest first (its REQUIRE operations). */
  readonly required: readonly (readonly RequiredWord[])[];
}

/** One program per plan: required words rarest first (by `cost`), then its residual (residualOf). */
export function compilePrograms(plans: readonly Plan[], residuals: readonly (Plan | null)[], cost: (m: WordMatcher) => number): Programs {
  const code: number[] = [];
  const places: Leaf[] = [];
  const nears: Near[] = [];
  const offsets = new Int32Array(plans.length);
  const required = plans.map((plan) => requiredWordsOf(plan, cost));
  const emit = (plan: Plan): void => {
    switch (plan.kind) {
      case 'term':
        if (plan.matchers.length === 1) code.push(WORD, (plan.matchers[0] as WordMatcher).id, plan.fields);
        else code.push(PHRASE, plan.slot);
        return;
      case 'place':
        code.push(PLACE, places.push(plan) - 1);
        return;
      case 'near': {
        const left = termSlots(plan.left);
        const right = termSlots(plan.right);
        if (left === null || right === null) code.push(NEAR, nears.push(plan) - 1);
        else code.push(NEAR_TERMS, 5 + left.length + right.length, plan.distance, plan.ordered ? 1 : 0, left.length, ...left, ...right);
        return;
      }
      case 'not':
        emit(plan.child);
        code.push(NOT);
        return;
      case 'and':
      case 'or': {
        const jumps: number[] = [];
        plan.order.forEach((child, i) => {
          emit(child);
          if (i < plan.order.length - 1) jumps.push(code.push(plan.kind === 'and' ? JUMP_FALSE : JUMP_TRUE, -1) - 1);
        });
        for (const at of jumps) code[at] = code.length;
        return;
      }
    }
  };
  plans.forEach((plan, rule) => {
    offsets[rule] = code.length;
    code.push(-1, rule);
    for (const { matcher, fields } of required[rule] as RequiredWord[]) code.push(REQUIRE, matcher.id, fields);
    const residual = residuals[rule] ?? null;
    if (residual !== null) emit(residual);
    code.push(END);
  });
  return { code: Int32Array.from(code), offsets, places, nears, required };
}

/** The hit slots of a NEAR operand made of terms (an OR group of them included), or null. */
function termSlots(plan: Plan): number[] | null {
  if (plan.kind === 'term') return [plan.slot];
  if (plan.kind !== 'or') return null;
  const slots: number[] = [];
  for (const child of plan.children) {
    const more = termSlots(child);
    if (more === null) return null;
    slots.push(...more);
  }
  return slots;
}

/**
 * Runs the program at `at` unless this generation ran it already: the rule's index if it fires,
 * else -1.
 */
export function runProgram(programs: Programs, at: number, generation: number, host: ProgramHost): number {
  const code = programs.code;
  if (code[at + STAMP] === generation) return -1;
  code[at + STAMP] = generation;
  let acc = true;
  let pc = at + HEADER;
  for (;;) {
    switch (code[pc]) {
      case END:
        return acc ? (code[at + RULE] as number) : -1;
      case REQUIRE:
        if (!host.present(code[pc + 1] as number, code[pc + 2] as number)) return -1;
        pc += 3;
        break;
      case WORD:
        acc = host.present(code[pc + 1] as number, code[pc + 2] as number);
        pc += 3;
        break;
      case PHRASE:
        acc = host.occursTerm(code[pc + 1] as number);
        pc += 2;
        break;
      case PLACE:
        acc = host.occurs(programs.places[code[pc + 1] as number] as Leaf);
        pc += 2;
        break;
      case NEAR:
        acc = host.test(programs.nears[code[pc + 1] as number] as Near);
        pc += 2;
        break;
      case NEAR_TERMS: {
        const size = code[pc + 1] as number;
        acc = host.nearTerms(code, pc + 2, size - 2);
        pc += size;
        break;
      }
      case NOT:
        acc = !acc;
        pc++;
        break;
      case JUMP_FALSE:
        pc = acc ? pc + 2 : (code[pc + 1] as number);
        break;
      case JUMP_TRUE:
        pc = acc ? (code[pc + 1] as number) : pc + 2;
        break;
      default:
        throw new Error(`rules/rule-program: bad operation ${code[pc]} at ${pc}`);
    }
  }
}

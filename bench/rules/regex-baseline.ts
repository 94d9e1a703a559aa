// The baseline bench/rules-bench.ts compares against: every rule evaluated on every article with
// its own regular expressions (as MonitoRSS-style filters do), built from the same parsed queries.
import type { Article, Field } from '../../src/domain/match.ts';
import type { QueryNode, WordPattern } from '../../src/rules/query-ast.ts';
import { wordForms } from '../../src/text/word-forms.ts';

export type BaselineRule = (article: Article) => boolean;

const W = '[\\p{L}\\p{N}]';
const NOT_W = '[^\\p{L}\\p{N}]';

export function compileBaselineRule(ast: QueryNode): BaselineRule {
  const test = build(ast, ['title', 'body']);
  return (article) => test(article);
}

function build(node: QueryNode, fields: readonly Field[]): BaselineRule {
  switch (node.kind) {
    case 'term':
      return regexRule(termSource(node.words), fields);
    case 'place':
      return () => false;
    case 'and': {
      const parts = node.children.map((c) => build(c, fields));
      return (a) => parts.every((p) => p(a));
    }
    case 'or': {
      const parts = node.children.map((c) => build(c, fields));
      return (a) => parts.some((p) => p(a));
    }
    case 'not': {
      const inner = build(node.child, fields);
      return (a) => !inner(a);
    }
    case 'scope':
      return build(node.child, [node.field]);
    case 'near': {
      const left = positionalSource(node.left);
      const right = positionalSource(node.right);
      const gap = `(?:${NOT_W}+${W}+){0,${node.distance}}${NOT_W}+`;
      const forward = `${left}${gap}${right}`;
      return regexRule(node.ordered ? forward : `${forward}|${right}${gap}${left}`, fields);
    }
  }
}

function regexRule(source: string, fields: readonly Field[]): BaselineRule {
  const regex = new RegExp(`(?<!${W})(?:${source})(?!${W})`, 'iu');
  return (a) => fields.some((f) => regex.test(a[f]));
}

function positionalSource(node: QueryNode): string {
  if (node.kind === 'term') return `(?:${termSource(node.words)})`;
  if (node.kind === 'or') return `(?:${node.children.map(positionalSource).join('|')})`;
  if (node.kind === 'scope') return positionalSource(node.child);
  return '(?!)';
}

function termSource(words: readonly WordPattern[]): string {
  return words.map(wordSource).join(`${NOT_W}+`);
}

function wordSource(w: WordPattern): string {
  if (w.kind === 'prefix') return `${escape(w.text)}${W}*`;
  const forms = w.exact || w.acronym ? [w.text] : wordForms(w.text);
  return `(?:${forms.map(escape).join('|')})`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The variables a Handlebars template reads (not the helpers it calls), from its parsed AST. The loader uses
 * this to check recipe inline templates against the known answer ids before anything is rendered.
 */
import Handlebars from 'handlebars';

type Node = { type: string; [k: string]: unknown };

export function templateVariables(template: string): string[] {
  const found = new Set<string>();
  walk(Handlebars.parse(template) as unknown as Node, found);
  return [...found];
}

function walk(node: unknown, found: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, found);
    return;
  }
  const n = node as Node;
  switch (n.type) {
    case 'PathExpression': {
      const p = n as unknown as { data: boolean; parts: string[]; original: string };
      if (!p.data && p.parts.length > 0) found.add(p.parts.join('.'));
      return;
    }
    case 'MustacheStatement':
    case 'SubExpression':
    case 'BlockStatement':
    case 'DecoratorBlock': {
      const params = (n.params as unknown[]) ?? [];
      const hash = n.hash as { pairs: { value: unknown }[] } | undefined;
      // With parameters the path is a helper name; without, it is a plain variable.
      if (params.length === 0 && !hash) walk(n.path, found);
      walk(params, found);
      if (hash) walk(hash.pairs.map((p) => p.value), found);
      walk(n.program, found);
      walk(n.inverse, found);
      return;
    }
    case 'Program':
      walk(n.body, found);
      return;
    default:
      return;
  }
}

import { type ArgumentNode, type ASTNode, GraphQLError, Kind, type ValidationContext, type ValidationRule, type ValueNode } from 'graphql';
import { checkString, checkValue, type UnstorableText } from '../common/storable-text.js';

function refusal(found: UnstorableText, node?: ASTNode): GraphQLError {
  return new GraphQLError(`invalid input: ${found.message}`, {
    ...(node === undefined ? {} : { nodes: [node] }),
    extensions: { code: 'VALIDATION_FAILED', errors: [{ field: found.field, message: found.message, code: 'unstorable-text' }] },
  });
}

/** The first unstorable string literal in an argument's value (strings, lists, input objects). */
function literal(value: ValueNode, field: string): UnstorableText | null {
  if (value.kind === Kind.STRING) return checkString(value.value, field, `argument ${field}`);
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const found = literal(item, `${field}.${i}`);
      if (found) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const f of value.fields) {
      const found = literal(f.value, `${field}.${f.name.value}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The REST rule on text PostgreSQL cannot store (`common/storable-text.ts`) for GraphQL: string literals in
 * arguments and variable defaults, and every variable value, are refused with `VALIDATION_FAILED` naming the
 * argument (`routers.filter.hostname`) or the variable (`$hostname`) before anything executes.
 */
export function storableTextRule(variables: Record<string, unknown> | undefined): ValidationRule {
  return (context: ValidationContext) => ({
    Document() {
      const found = variables === undefined ? null : checkValue(variables, '', 'variable');
      if (found) context.reportError(refusal({ ...found, field: `$${found.field}` }));
    },
    Argument(node: ArgumentNode, _key, _parent, _path, ancestors) {
      const owner = ancestors[ancestors.length - 1] as ASTNode | readonly ASTNode[] | undefined;
      const ownerName =
        owner !== undefined && !Array.isArray(owner) && 'name' in (owner as object) ? (owner as { name?: { value: string } }).name?.value : undefined;
      const found = literal(node.value, ownerName === undefined ? node.name.value : `${ownerName}.${node.name.value}`);
      if (found) context.reportError(refusal(found, node));
    },
    VariableDefinition(node) {
      const found = node.defaultValue === undefined ? null : literal(node.defaultValue, `$${node.variable.name.value}`);
      if (found) context.reportError(refusal(found, node));
    },
  });
}

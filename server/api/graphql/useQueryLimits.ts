import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { operationCost } from './queryCost.js';

export interface QueryLimits {
  maxDepth: number;
  /** Fields counted after fragments are expanded (aliases included), before the query runs. */
  maxFields: number;
  /** The largest operationCost (list sizes and analyses counted, with the request's variables) a request may run. */
  maxCost: number;
}

function measure(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, depth: number, seen: Set<string>): { depth: number; fields: number } {
  let deepest = depth;
  let fields = 0;
  for (const selection of selectionSet.selections) {
    let inner: SelectionSetNode | undefined;
    let nextDepth = depth;
    if (selection.kind === Kind.FIELD) {
      fields++;
      inner = selection.selectionSet;
      nextDepth = depth + 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) inner = selection.selectionSet;
    else {
      const name = selection.name.value;
      if (seen.has(name)) continue; // fragment cycles are reported by graphql's own rule
      inner = fragments[name]?.selectionSet;
      seen = new Set(seen).add(name);
    }
    if (!inner) {
      deepest = Math.max(deepest, nextDepth);
      continue;
    }
    const child = measure(inner, fragments, nextDepth, seen);
    deepest = Math.max(deepest, child.depth);
    fields += child.fields;
  }
  return { depth: deepest, fields };
}

export function queryLimitsRule({ maxDepth, maxFields }: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments = Object.fromEntries(
        context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
      );
      const { depth, fields } = measure(operation.selectionSet, fragments, 0, new Set());
      if (depth > maxDepth)
        context.reportError(new GraphQLError(`query is ${depth} levels deep; the limit is ${maxDepth}`, { extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 } } }));
      if (fields > maxFields)
        context.reportError(new GraphQLError(`query selects ${fields} fields; the limit is ${maxFields}`, { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } }));
    },
  });
}

/**
 * Refuses queries that are too deep or select too many fields (when validated), and those whose cost with the request's
 * variables is over the limit (before they run): one request must not be able to occupy the server.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(queryLimitsRule(limits));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (cost <= limits.maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `query would cost ${cost} (each item of a list and each analysis counted); the limit is ${limits.maxCost}: ask for fewer items (limit, maxNodes), fewer fields inside lists, or run analyses in separate requests`,
            { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } },
          ),
        ],
      });
    },
  };
}

import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

// Types are read by shape, not with graphql's instanceof helpers: the schema may come from another copy of graphql
// (graphql-yoga's), which those helpers refuse.
const namedTypeOf = (type: GraphQLOutputType): GraphQLNamedType => ('ofType' in type ? namedTypeOf(type.ofType) : type);
const isList = (type: GraphQLOutputType) => String(type).replace(/!$/, '').startsWith('[');
interface Composite {
  name: string;
  getFields?: () => Record<string, GraphQLField<unknown, unknown>>;
}
/** An object, interface or union: a type with a selection of its own (output positions never hold input objects). */
const isComposite = (type: object | undefined | null): type is Composite => !!type && ('getFields' in type || 'getTypes' in type);

/**
 * What one call of a field costs beyond reading a value: the analyses walk the whole graph whatever their answer's size,
 * and a suggestion run ranks a whole framework. Everything else costs 1.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  // Weighed so that one request runs at most two gap analyses, or a handful of the lighter analyses, and one suggestion run.
  'Query.gapAnalysis': 120_000,
  'Query.evidenceReach': 20_000,
  'Query.requirementSupport': 20_000,
  'Query.proposedControls': 60_000,
  'Query.imsPlan': 40_000,
  'Query.statementOfApplicability': 40_000,
  'Query.coverageMatrix': 5_000,
  'Query.contradictions': 60_000,
  'Query.unmapped': 10_000,
  'Query.paths': 10_000,
  'Query.search': 500,
  // Reads every requirement of the framework.
  'Framework.scopeTags': 2_000,
  'Mutation.suggestMappings': 300_000,
  'Mutation.adoptProposedControls': 60_000,
};

/** Fields whose work grows with their size argument: a neighbourhood walks up to maxNodes requirements, several steps deep. */
const COST_PER_ITEM: Readonly<Record<string, number>> = { 'Query.neighbourhood': 4 };

/** Arguments that bound how many items a field returns (or, on an object such as Neighbourhood, the lists inside it). */
const SIZE_ARGUMENTS = ['limit', 'maxNodes', 'maxPaths'] as const;
/** The size assumed for a list nothing bounds (a requirement's mappings or children)... */
export const UNBOUNDED_LIST_SIZE = 25;
/** ...unless it is one of the lists that hold a handful of items by nature. */
const SMALL_LISTS: Readonly<Record<string, number>> = {
  'Mapping.alsoStatedBy': 3,
  'Mapping.reviews': 3,
  'Mapping.contradictedBy': 3,
  'Contradiction.path': 3,
  'MappingPath.steps': 6,
  'Requirement.ancestors': 5,
  'Requirement.noCounterparts': 5,
  'CoverageCell.byRelationship': 6,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** The value of a field's size argument as written (a literal or a variable), else its default; undefined if it has none. */
function sizeOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number | undefined {
  for (const name of SIZE_ARGUMENTS) {
    const declared = field.args.find((a) => a.name === name);
    if (!declared) continue;
    const written = node.arguments?.find((a) => a.name.value === name)?.value;
    const value =
      written?.kind === Kind.INT ? Number(written.value)
      : written?.kind === Kind.VARIABLE ? (variables[written.name.value] ?? declared.defaultValue)
      : declared.defaultValue;
    return typeof value === 'number' ? Math.max(0, value) : undefined;
  }
  return undefined;
}

/**
 * The cost of a selection: each field costs its FIELD_COSTS entry (1 by default) plus its selection's cost times the
 * number of items it returns: its size argument, else the size bound inherited from the field above (a neighbourhood's
 * maxNodes bounds its nodes and edges), else UNBOUNDED_LIST_SIZE. Introspection costs nothing: the schema bounds it.
 */
function selectionCost(walk: Walk, selectionSet: SelectionSetNode, type: Composite, bound: number | undefined, seen: ReadonlySet<string>): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
      if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
      const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
      const inner = selection.kind === Kind.FRAGMENT_SPREAD ? new Set(seen).add(selection.name.value) : seen;
      if (isComposite(condition)) cost += selectionCost(walk, fragment.selectionSet, condition, bound, inner);
      continue;
    }
    const name = selection.name.value;
    if (name.startsWith('__') || !type.getFields) continue; // a union selects only __typename directly
    const field = type.getFields()[name];
    if (!field) continue; // graphql's own validation reports unknown fields
    const key = `${type.name}.${name}`;
    const own = sizeOf(field, selection, walk.variables);
    cost += (FIELD_COSTS[key] ?? 1) + (COST_PER_ITEM[key] ?? 0) * (own ?? 0);
    const returned = walk.schema.getType(namedTypeOf(field.type).name);
    if (!selection.selectionSet || !isComposite(returned)) continue;
    const items = isList(field.type) ? (own ?? bound ?? SMALL_LISTS[key] ?? UNBOUNDED_LIST_SIZE) : 1;
    // A size bound passes down through objects (a neighbourhood's maxNodes bounds its nodes), not into a list's items.
    const inner = isList(field.type) ? undefined : (own ?? bound);
    cost += items * selectionCost(walk, selection.selectionSet, returned, inner, seen);
  }
  return cost;
}

/** The cost of the operation a request runs, with its variables (defaults applied): see selectionCost. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, rawVariables?: Record<string, unknown> | null): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const fallback = definition.defaultValue?.kind === Kind.INT ? Number(definition.defaultValue.value) : undefined;
    variables[name] = rawVariables?.[name] ?? fallback;
  }
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return selectionCost({ schema, fragments, variables }, operation.selectionSet, root, undefined, new Set());
}

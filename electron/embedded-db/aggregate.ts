// Aggregation: mingo runs each stage; $bucket, $geoNear, $count key order and _id placement are fixed up here.
import { type Document } from 'bson';
import { ProcessingMode } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import { $dateToParts } from 'mingo/operators/expression/date';
import { Decline, compilePipeline } from './aggregate-fast';
import { $dateTrunc } from './dates';
import { CommandError, badValue } from './errors';
import { type Collection } from './engine';
import { buildContext } from './mingo-context';
import { geoQueryOperators } from './query';
import { runFind } from './query';
import { isPlainObject, numericView } from './values';

const UNSUPPORTED_STAGES: Record<string, string> = {
  $out: '$out is not supported by the embedded database server',
  $merge: '$merge is not supported by the embedded database server',
  $search: '$search requires MongoDB Atlas',
  $collStats: '$collStats is not supported by the embedded database server',
  $indexStats: '$indexStats is not supported by the embedded database server',
  $currentOp: '$currentOp is not supported by the embedded database server',
};

/** Stages whose output still references their input documents (or, for $lookup, stored ones). */
const SHARING_STAGES = new Set(['$match', '$sort', '$limit', '$skip', '$lookup', '$sample']);

const PARTS_ORDER = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'];
const ISO_PARTS_ORDER = [
  'isoWeekYear',
  'isoWeek',
  'isoDayOfWeek',
  'hour',
  'minute',
  'second',
  'millisecond',
];

/** mingo emits $dateToParts fields in a different order than MongoDB; reorder them. */
const orderedDateToParts = (obj: unknown, expr: unknown, options: unknown): unknown => {
  const parts = ($dateToParts as (o: unknown, e: unknown, x: unknown) => unknown)(
    obj,
    expr,
    options,
  );
  if (!isPlainObject(parts)) return parts;
  const order = 'isoWeekYear' in parts ? ISO_PARTS_ORDER : PARTS_ORDER;
  return Object.fromEntries(order.filter((k) => k in parts).map((k) => [k, parts[k]]));
};

const context = buildContext({
  expression: { $dateToParts: orderedDateToParts, $dateTrunc },
  query: geoQueryOperators,
});

const idFirst = (doc: Document): Document => {
  const keys = Object.keys(doc);
  if (!('_id' in doc) || keys[0] === '_id') return doc;
  const out: Document = { _id: doc._id };
  for (const k of keys) if (k !== '_id') out[k] = doc[k];
  return out;
};

/** Rewrites $bucket into $group + $sort (mingo 7.2 miscounts buckets). */
function bucketStages(spec: Document): Document[] {
  const { groupBy, boundaries, output } = spec;
  if (!Array.isArray(boundaries) || boundaries.length < 2) {
    throw new CommandError(
      40192,
      "The $bucket 'boundaries' field must be an array of at least 2 values",
    );
  }
  const branches = boundaries.slice(0, -1).map((lo, i) => ({
    case: { $and: [{ $gte: [groupBy, lo] }, { $lt: [groupBy, boundaries[i + 1]] }] },
    then: lo,
  }));
  const fallback = 'default' in spec ? spec.default : { $literal: { $__noBucket: true } };
  const group: Document = {
    _id: { $switch: { branches, default: fallback } },
    ...((output as Document | undefined) ?? { count: { $sum: 1 } }),
  };
  return [{ $group: group }, { $sort: { _id: 1 } }];
}

export type Resolver = (name: string) => Document[];

/**
 * Runs a pipeline over in-memory documents (no collection-aware stages): the compiled fast path
 * (aggregate-fast.ts) for its leading supported stages, mingo for the rest — or for all of it when
 * the fast path declines at run time.
 */
export function runPipeline(
  docs: Document[],
  pipeline: Document[],
  resolver: Resolver,
): Document[] {
  const fast = compilePipeline(pipeline);
  if (fast) {
    try {
      const out = fast.run(docs);
      return fast.length === pipeline.length
        ? out
        : runStages(out, pipeline.slice(fast.length), resolver);
    } catch (error) {
      if (!(error instanceof Decline)) throw error;
    }
  }
  return runStages(docs, pipeline, resolver);
}

/** Runs stages on mingo; the input is treated as shared (cloned before mingo may change it). */
function runStages(docs: Document[], pipeline: Document[], resolver: Resolver): Document[] {
  let current = docs;
  let shared = true;
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw badValue('A pipeline stage specification object must contain exactly one field.');
    }
    const name = Object.keys(stage)[0] as string;
    if (UNSUPPORTED_STAGES[name]) throw new CommandError(115, UNSUPPORTED_STAGES[name] as string);
    if (name === '$geoNear')
      throw badValue('$geoNear is only valid as the first stage in a pipeline');
    if (name === '$bucket') {
      current = runPipeline(current, bucketStages(stage.$bucket as Document), resolver);
      if (current.some((d) => isPlainObject(d._id) && d._id.$__noBucket === true)) {
        throw new CommandError(
          40066,
          '$switch could not find a matching branch for an input, and no default was specified.',
        );
      }
      continue;
    }
    if (name === '$facet') {
      const out: Document = {};
      for (const [k, sub] of Object.entries(stage.$facet as Document)) {
        out[k] = runPipeline(current, sub as Document[], resolver);
      }
      current = [out];
      continue;
    }
    try {
      const processingMode = shared ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF;
      const agg = new Aggregator([stage], {
        context,
        collectionResolver: resolver,
        processingMode,
      });
      current = agg.run(current) as Document[];
      shared = SHARING_STAGES.has(name) ? shared || name === '$lookup' : false;
    } catch (error) {
      if (error instanceof CommandError) throw error;
      throw badValue((error as Error).message);
    }
    if (name === '$project' || name === '$group' || name === '$addFields' || name === '$set') {
      current = current.map(idFirst);
    }
  }
  return current;
}

/** Runs an aggregate command's pipeline against a collection (handling a leading $geoNear / $match). */
export function aggregateCollection(
  c: Collection | undefined,
  pipeline: Document[],
  resolver: Resolver,
  hint?: unknown,
): Document[] {
  const first = pipeline[0];
  let docs: Document[];
  let rest = pipeline;
  if (first && isPlainObject(first) && '$geoNear' in first) {
    docs = geoNear(c, first.$geoNear as Document);
    rest = pipeline.slice(1);
  } else if (first && isPlainObject(first) && '$match' in first) {
    docs = runFind(c, first.$match as Document, { hint }).docs;
    rest = pipeline.slice(1);
  } else {
    docs = runFind(c, {}, { hint }).docs;
  }
  return runPipeline(c?.wrapped ? docs.map(numericView) : docs, rest, resolver);
}

function geoNear(c: Collection | undefined, spec: Document): Document[] {
  const near = spec.near;
  const distanceField = spec.distanceField as string | undefined;
  if (!distanceField) throw badValue('$geoNear requires a distanceField');
  const key =
    (spec.key as string | undefined) ??
    [...(c?.indexes.values() ?? [])].find((i) => i.geoFields.length > 0)?.geoFields[0];
  if (!key)
    throw new CommandError(
      291,
      'There is more than one 2dsphere index or no 2dsphere index; unable to run $geoNear',
    );
  const op = spec.spherical || isPlainObject(near) ? '$nearSphere' : '$near';
  const geoArg = isPlainObject(near) ? { $geometry: near } : near;
  const filter: Document = {
    ...((spec.query as Document | undefined) ?? {}),
    [key]: {
      [op]: geoArg,
      ...(spec.maxDistance !== undefined ? { $maxDistance: spec.maxDistance } : {}),
      ...(spec.minDistance !== undefined ? { $minDistance: spec.minDistance } : {}),
    },
  };
  const { docs, distances } = runFind(c, filter);
  const multiplier = (spec.distanceMultiplier as number | undefined) ?? 1;
  return docs.map((d) => {
    const out: Document = { ...d };
    setField(out, distanceField, (distances?.get(d) ?? 0) * multiplier);
    if (spec.includeLocs) setField(out, spec.includeLocs as string, d[key]);
    return out;
  });
}

function setField(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    cur[p] = isPlainObject(cur[p]) ? { ...(cur[p] as Document) } : {};
    cur = cur[p] as Document;
  }
  cur[parts[parts.length - 1] as string] = value;
}

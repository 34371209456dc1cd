// One mingo operator context for the whole server, with our fixes replacing mingo's own operators.
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';

/**
 * Operators registered in a mingo Context cannot be replaced afterwards, so the overrides are merged
 * in before the context is created.
 */
export function buildContext(overrides: { expression?: object; query?: object }): Context {
  return Context.init({
    accumulator,
    expression: { ...expression, ...overrides.expression },
    pipeline,
    projection,
    query: { ...query, ...overrides.query },
    window,
  } as never);
}

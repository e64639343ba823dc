/** `#/worksheets`: the saved sheets; `#/worksheets/new` and `#/worksheets/<id>`: the builder. */
import type { HashLocation } from '../app/route.js';
import { Builder } from './Builder.js';
import { SavedList } from './SavedList.js';

export function WorksheetsPage({ location }: { location: HashLocation }) {
  const target = location.path[0];
  return target === undefined ? <SavedList /> : <Builder routeId={target} />;
}
